import { DomainError } from '../errors/domain-error';

/**
 * Opaque keyset cursors (API.md "Lists"): an instant and an id, base64url JSON. Decoding accepts
 * only what `encodeCursor` writes (the instant exactly as `toISOString` prints it, the id in the
 * list's own id format), so nothing a client makes up reaches SQL: any other text is 400, never
 * a database error.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const UUID_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** bigserial ids, within int8. */
export const BIGINT_ID = /^[1-9][0-9]{0,17}$/;

export interface CursorPosition {
  /** An instant, ISO-8601 UTC with milliseconds. */
  readonly at: string;
  readonly id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string, idFormat: RegExp): CursorPosition {
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]{1,500}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [at, id] = parsed as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && ISO_INSTANT.test(at) && idFormat.test(id)) {
      const time = Date.parse(at);
      // A real instant that prints back the same (no 25th hour, no 31 February).
      if (!Number.isNaN(time) && new Date(time).toISOString() === at) return { at, id };
    }
  }
  throw DomainError.field('MALFORMED_REQUEST', 'cursor', 'The cursor is not one this API returned.');
}
