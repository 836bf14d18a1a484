import { INSTANT_PATTERN, toInstant } from '../clock/instant';
import { DomainError } from '../errors/domain-error';

/**
 * Opaque keyset cursors (API.md "Lists"): an instant and an id, base64url JSON. Decoding accepts
 * only what `encodeCursor` writes (the instant in the API's one form, platform/clock/instant.ts; the
 * id in the list's own id format), so nothing a client makes up reaches SQL: any other text is 400,
 * never a database error.
 */

export const UUID_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** bigserial ids, within int8. */
export const BIGINT_ID = /^[1-9][0-9]{0,17}$/;

export interface CursorPosition {
  /** An instant (toInstant's form when decoded). */
  readonly at: string | Date;
  readonly id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([toInstant(position.at), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string, idFormat: RegExp): { readonly at: string; readonly id: string } {
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]{1,500}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [at, id] = parsed as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && INSTANT_PATTERN.test(at) && idFormat.test(id)) {
      const time = Date.parse(at);
      // A real instant that prints back the same (no 25th hour, no 31 February).
      if (!Number.isNaN(time) && toInstant(time) === at) return { at, id };
    }
  }
  throw DomainError.field('MALFORMED_REQUEST', 'cursor', 'The cursor is not one this API returned.');
}
