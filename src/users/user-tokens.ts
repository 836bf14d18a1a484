import { Injectable } from '@nestjs/common';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { SqlExecutor } from '../platform/database/db';
import { AppKeys } from '../platform/secrets/app-keys';
import { UserTokenPurpose, UserTokenRow, UserTokensRepository } from './user-tokens.repository';

/** How long a mailed link works: a day or two to find the mail; a password reset only an hour. */
export const USER_TOKEN_TTL_SECONDS: Record<UserTokenPurpose, number> = {
  verify_email: 48 * 3600,
  password_reset: 3600,
};

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * One-time tokens for mailed links. A token is HMAC(key, purpose:id) with a key derived from the
 * signing key: the database stores only its SHA-256 (a copy of the tables reveals no usable link),
 * and the outbox row carries the token's id, so the mail is rendered at send time like every other
 * mail. Rotating the signing key makes links in flight useless (the user asks for a new one).
 */
@Injectable()
export class UserTokens {
  private readonly key: Buffer;

  constructor(
    keys: AppKeys,
    private readonly tokens: UserTokensRepository,
  ) {
    this.key = keys.derive('user-tokens-v1');
  }

  /** Writes a new token (earlier ones of the same purpose stop working); returns its id for the mail. */
  async issue(executor: SqlExecutor, userId: string, purpose: UserTokenPurpose): Promise<string> {
    const id = randomUUID();
    await this.tokens.insert(executor, {
      id,
      userId,
      purpose,
      hash: hash(this.tokenOf(id, purpose)),
      ttlSeconds: USER_TOKEN_TTL_SECONDS[purpose],
    });
    return id;
  }

  /** The token of a row, for its mail. */
  tokenOf(id: string, purpose: UserTokenPurpose): string {
    return createHmac('sha256', this.key).update(`${purpose}:${id}`).digest('base64url');
  }

  /** The unused, unexpired row a token names, or undefined (malformed, unknown, used, expired alike). */
  async findUsable(token: string, purpose: UserTokenPurpose): Promise<UserTokenRow | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    return this.tokens.findUsable(hash(token), purpose);
  }

  findById(id: string): Promise<UserTokenRow | undefined> {
    return this.tokens.findById(id);
  }

  /** The user's links of a purpose mailed so far stop working. */
  voidAll(executor: SqlExecutor, userId: string, purpose: UserTokenPurpose): Promise<void> {
    return this.tokens.voidAll(executor, userId, purpose);
  }

  consume(executor: SqlExecutor, id: string): Promise<boolean> {
    return this.tokens.consume(executor, id);
  }
}

function hash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
