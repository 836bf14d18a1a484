import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { Db, Tx } from '../database/db';
import { DomainError } from '../errors/domain-error';
import { canonicalJson } from '../json/canonical-json';
import { AppKeys } from '../secrets/app-keys';

/** API.md: the same key and body within 24 h returns the first response. */
const KEY_LIFETIME_HOURS = 24;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/**
 * The scope of keys sent without an account (registration). Keys are meant to be random per
 * request; a replay returns only what the identical body (password included) already tells.
 */
export const ANONYMOUS_SCOPE = '00000000-0000-0000-0000-000000000000';

export interface StoredResponse<B> {
  readonly statusCode: number;
  readonly body: B;
  readonly replayed: boolean;
}

/**
 * Idempotent creation. The key row is written in the same transaction as the work, so a failed
 * attempt leaves no key behind, and a concurrent duplicate waits on the key's unique index and then
 * replays the committed response. A replay is the first response as it was sent, never rewritten:
 * its instants are in the API's one form (platform/clock/instant.ts) because the first response's
 * were; a key stored before that form (issue 14), within its 24 h, replays its own older text.
 */
@Injectable()
export class IdempotencyService {
  private readonly hashKey: Buffer;

  constructor(
    private readonly db: Db,
    keys: AppKeys,
  ) {
    this.hashKey = keys.derive('idempotency-request');
  }

  /** `userId` null: a request without an account (registration), in the anonymous scope. */
  async run<B>(
    userId: string | null,
    key: string | undefined,
    request: unknown,
    work: (tx: Tx) => Promise<{ statusCode: number; body: B }>,
    options: { transaction?: boolean } = {},
  ): Promise<StoredResponse<B>> {
    if (key === undefined) {
      // The work is one atomic statement unless it says it needs a transaction; with a key it
      // shares a transaction with the key row.
      const result = options.transaction ? await this.db.transaction(work) : await this.db.statement(work);
      return { ...result, replayed: false };
    }
    if (!KEY_PATTERN.test(key)) {
      throw DomainError.field('MALFORMED_REQUEST', 'Idempotency-Key', 'Idempotency-Key must be 1-200 visible ASCII characters.');
    }
    const requestHash = hashRequest(request, this.hashKey);
    const scope = userId ?? ANONYMOUS_SCOPE;
    return this.db.transaction(async (tx) => {
      const claimed = await tx.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status_code = NULL, response = NULL, created_at = now()
           WHERE idempotency_keys.created_at < now() - make_interval(hours => $4)
         RETURNING 1`,
        [scope, key, requestHash, KEY_LIFETIME_HOURS],
      );
      if (claimed.length === 0) {
        const [stored] = await tx.query<{ request_hash: string; status_code: number | null; response: B }>(
          `SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
          [scope, key],
        );
        if (stored.request_hash !== requestHash) {
          throw DomainError.field('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key', 'This Idempotency-Key was used with a different request.');
        }
        if (stored.status_code === null) {
          throw new DomainError('IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed.');
        }
        return { statusCode: stored.status_code, body: stored.response, replayed: true };
      }
      const result = await work(tx);
      await tx.execute(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`, [
        scope,
        key,
        result.statusCode,
        JSON.stringify(result.body),
      ]);
      return { ...result, replayed: false };
    });
  }
}

/**
 * Canonical JSON (sorted keys) so that the same body in another key order is the same request;
 * keyed (HMAC) because bodies carry passwords (registration, new staff accounts) and a stored plain
 * hash would let whoever reads the table test guesses offline.
 */
export function hashRequest(value: unknown, key: Buffer): string {
  return createHmac('sha256', key).update(canonicalJson(value)).digest('hex');
}
