import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/json/canonical-json';

/**
 * Free text that staff write with an audit event (a note, a reason, an official's name) may name
 * people, so it must be erasable when the case's personal data is (retention). The hash-chained
 * event keeps only a salted digest of these fields; the text and the salt live beside it
 * (`appeal_event_texts`). While they exist the digest proves them; once erased, nothing in the
 * chain can be reversed to them and the chain still verifies.
 */
export const ERASABLE_EVENT_FIELDS: ReadonlySet<string> = new Set([
  'note',
  'reason',
  'comment',
  'text',
  'respondentOfficial',
  'fullName',
  'address',
  'email',
  'phone',
]);

/** The key the chained event data carries instead of its free text. */
export const TEXT_DIGEST_KEY = 'textDigest';

/** Paths ("note", "before.respondentOfficial") to the erasable strings of an event's data. */
export type EventTexts = Record<string, string>;

/** Splits an event's data into what is chained (with a digest) and the erasable texts (or null). */
export function separateTexts(data: object, salt: string): { chained: Record<string, unknown>; texts: EventTexts | null } {
  const texts: EventTexts = {};
  const chained = strip(data as Record<string, unknown>, [], texts);
  if (Object.keys(texts).length === 0) return { chained, texts: null };
  return { chained: { ...chained, [TEXT_DIGEST_KEY]: textDigest(salt, texts) }, texts };
}

export function textDigest(salt: string, texts: EventTexts): string {
  return createHash('sha256')
    .update(`${salt}\n${canonicalJson(texts)}`)
    .digest('hex');
}

/**
 * The event's data as it was written: the texts put back in place. Erased texts (digest without
 * texts) leave `textsErased: true` so readers can tell an erased note from none.
 */
export function mergeTexts(chained: object, texts: EventTexts | null): Record<string, unknown> {
  const data = { ...(chained as Record<string, unknown>) };
  if (!(TEXT_DIGEST_KEY in data)) return data;
  delete data[TEXT_DIGEST_KEY];
  if (!texts) return { ...data, textsErased: true };
  for (const [path, value] of Object.entries(texts)) put(data, path.split('.'), value);
  return data;
}

function strip(value: Record<string, unknown>, path: string[], texts: EventTexts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && item !== '' && ERASABLE_EVENT_FIELDS.has(key)) {
      texts[[...path, key].join('.')] = item;
    } else if (item !== null && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Date)) {
      out[key] = strip(item as Record<string, unknown>, [...path, key], texts);
    } else {
      out[key] = item;
    }
  }
  return out;
}

function put(target: Record<string, unknown>, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const next = target[head];
  const child = next !== null && typeof next === 'object' ? { ...(next as Record<string, unknown>) } : {};
  put(child, rest, value);
  target[head] = child;
}
