import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/json/canonical-json';

export interface ChainedEvent {
  readonly appealId: string;
  readonly seq: number;
  readonly type: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  /** ISO-8601 UTC, as stored. */
  readonly occurredAt: string;
  readonly data: object;
}

/**
 * Each event's hash covers the previous event's hash and its own content, so rewriting or dropping
 * any event of an appeal breaks every hash after it.
 */
export function hashEvent(prevHash: string | null, event: ChainedEvent): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalJson(event))
    .digest('hex');
}

/** Returns the seq of the first broken link, or null when the whole chain verifies. */
export function verifyChain(events: ReadonlyArray<ChainedEvent & { prevHash: string | null; hash: string }>): number | null {
  let prev: string | null = null;
  for (let i = 0; i < events.length; i++) {
    const { prevHash, hash, ...event } = events[i];
    if (event.seq !== i + 1 || prevHash !== prev || hashEvent(prev, event) !== hash) return event.seq;
    prev = hash;
  }
  return null;
}
