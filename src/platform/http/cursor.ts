import { DomainError } from '../errors/domain-error';

/** A keyset position (an instant and a tie-breaking id) as the opaque `cursor` of API.md "Lists". */
export interface KeysetPosition {
  readonly at: string;
  readonly id: string;
}

export function encodeKeysetCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

/** The position of a cursor this API returned; anything else is a 400 on `cursor`. */
export function decodeKeysetCursor(cursor: string, idPattern: RegExp): KeysetPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && idPattern.test(id)) return { at, id };
  } catch {
    // fall through to the error below
  }
  throw DomainError.field('MALFORMED_REQUEST', 'cursor', 'The cursor is not one this API returned.');
}
