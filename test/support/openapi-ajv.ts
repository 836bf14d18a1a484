import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The one instant form of the API (API.md "Conventions", issue 14): UTC with exactly three fraction
 * digits, as `Date.prototype.toISOString` writes it. Written out here, not imported from src, so
 * the tests hold the code to it rather than to itself.
 */
export const API_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Ajv as the contract tests validate responses against the OpenAPI document: OpenAPI keywords
 * ajv does not know (example, x-...) pass (`strict: false`; `nullable` is ajv's own), formats uuid,
 * date, uri and the rest from ajv-formats, and `date-time` narrowed to the API's one instant form,
 * so an offset, a missing fraction or microseconds fail where RFC 3339 alone would let them by.
 */
export function openApiAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => API_INSTANT.test(value) && isRealInstant(value) });
  return ajv;
}

/** 25:00 or 30 February match the pattern; a real instant prints back the same. */
function isRealInstant(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}
