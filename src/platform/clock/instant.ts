/**
 * The API's one form of an instant (API.md "Conventions": instants ISO-8601 with offset): UTC with
 * exactly three fraction digits, `2026-03-02T07:00:00.000Z`, which is what `Date.prototype.toISOString`
 * and so JSON.stringify of a Date write. Every instant a response, a stored idempotent reply, an
 * event's data or a webhook payload carries as text is written by `toInstant` (or is a Date that
 * JSON writes the same way), never a Baku offset by hand nor PostgreSQL's text with microseconds.
 * The law's days stay `YYYY-MM-DD` Baku dates (bakuDateOf).
 */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An instant in the API's form; a Date from pg (timestamptz), an epoch or any ISO-8601 text in. */
export function toInstant(value: Date | string | number): string {
  const at = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(at.getTime())) throw new RangeError(`Not an instant: ${String(value)}`);
  return at.toISOString();
}

/** As toInstant, with null for a moment that has not happened (deliveredAt, acknowledgedAt, ...). */
export function toInstantOrNull(value: Date | string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : toInstant(value);
}
