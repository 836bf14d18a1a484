import { ChainedEvent, hashEvent, verifyChain } from './event-chain';

type StoredEvent = ChainedEvent & { prevHash: string | null; hash: string };

const APPEAL = '6f1c2b9e-0000-4000-8000-000000000001';

const EVENTS: readonly ChainedEvent[] = [
  {
    appealId: APPEAL,
    seq: 1,
    type: 'registered',
    actorId: 'user-citizen',
    actorRole: 'citizen',
    occurredAt: '2026-03-02T08:00:00.000Z',
    data: { registrationNumber: 'AZ-2026-000001', channel: 'portal', receivedOn: '2026-03-02' },
  },
  {
    appealId: APPEAL,
    seq: 2,
    type: 'attachment_added',
    actorId: 'user-citizen',
    actorRole: 'citizen',
    occurredAt: '2026-03-02T08:05:00.000Z',
    data: { attachmentId: 'att-1', sizeBytes: 1024, contentType: 'application/pdf' },
  },
  {
    appealId: APPEAL,
    seq: 3,
    type: 'referred',
    actorId: 'user-official',
    actorRole: 'official',
    occurredAt: '2026-03-03T10:00:00.000Z',
    data: { toAgencyId: 'agency-2', note: 'Art. 7.10', nested: { list: [1, 2, 3] } },
  },
  {
    appealId: APPEAL,
    seq: 4,
    type: 'system_note',
    actorId: null,
    actorRole: null,
    occurredAt: '2026-03-04T00:00:00.000Z',
    data: {},
  },
];

/** Chains events the way AppealEventsRepository.append does. */
function chain(events: readonly ChainedEvent[]): StoredEvent[] {
  let prev: string | null = null;
  return events.map((event) => {
    const hash = hashEvent(prev, event);
    const stored = { ...event, prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

const tamperings: ReadonlyArray<[string, (e: StoredEvent) => StoredEvent]> = [
  ['appealId', (e) => ({ ...e, appealId: '6f1c2b9e-0000-4000-8000-000000000002' })],
  ['type', (e) => ({ ...e, type: 'answered' })],
  ['actorId', (e) => ({ ...e, actorId: e.actorId === null ? 'user-x' : null })],
  ['actorRole', (e) => ({ ...e, actorRole: e.actorRole === 'admin' ? 'official' : 'admin' })],
  ['occurredAt', (e) => ({ ...e, occurredAt: '2026-03-01T00:00:00.000Z' })],
  ['data (a member added)', (e) => ({ ...e, data: { ...e.data, forged: true } })],
  ['data (replaced)', (e) => ({ ...e, data: { answer: 'rewritten' } })],
  ['hash', (e) => ({ ...e, hash: hashEvent(null, { ...e, type: 'forged' }) })],
  ['prevHash', (e) => ({ ...e, prevHash: e.prevHash === null ? 'f'.repeat(64) : e.prevHash.replace(/^./, (c) => (c === '0' ? '1' : '0')) })],
];

describe('hashEvent', () => {
  it('is a deterministic SHA-256 hex digest', () => {
    const hash = hashEvent(null, EVENTS[0]);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent(null, EVENTS[0])).toBe(hash);
  });

  it('covers the previous hash', () => {
    expect(hashEvent('a'.repeat(64), EVENTS[1])).not.toBe(hashEvent('b'.repeat(64), EVENTS[1]));
  });

  it('does not depend on the key order of the data or of the event', () => {
    const reordered: ChainedEvent = {
      data: { nested: { list: [1, 2, 3] }, note: 'Art. 7.10', toAgencyId: 'agency-2' },
      occurredAt: EVENTS[2].occurredAt,
      actorRole: EVENTS[2].actorRole,
      actorId: EVENTS[2].actorId,
      type: EVENTS[2].type,
      seq: EVENTS[2].seq,
      appealId: EVENTS[2].appealId,
    };
    expect(hashEvent('c'.repeat(64), reordered)).toBe(hashEvent('c'.repeat(64), EVENTS[2]));
  });

  it('depends on the order of arrays inside the data', () => {
    const reversed = { ...EVENTS[2], data: { toAgencyId: 'agency-2', note: 'Art. 7.10', nested: { list: [3, 2, 1] } } };
    expect(hashEvent(null, reversed)).not.toBe(hashEvent(null, EVENTS[2]));
  });
});

describe('verifyChain', () => {
  it('verifies an untouched chain of several events', () => {
    expect(verifyChain(chain(EVENTS))).toBeNull();
  });

  it('verifies an empty chain', () => {
    expect(verifyChain([])).toBeNull();
  });

  it('still verifies when the data comes back from storage with its keys in another order', () => {
    const reloaded = chain(EVENTS).map((e) => ({ ...e, data: Object.fromEntries(Object.entries(e.data).reverse()) }));
    expect(verifyChain(reloaded)).toBeNull();
  });

  const cases = tamperings.flatMap(([field, tamper]) => EVENTS.map((e) => [field, e.seq, tamper] as const));
  it.each(cases)('detects a change of %s in event %i at that seq', (_field, seq, tamper) => {
    const events = chain(EVENTS);
    events[seq - 1] = tamper(events[seq - 1]);
    expect(verifyChain(events)).toBe(seq);
  });

  it('detects a rewritten event whose own hash was recomputed at the next event', () => {
    const events = chain(EVENTS);
    const rewritten = { ...EVENTS[1], data: { attachmentId: 'att-forged' } };
    events[1] = { ...rewritten, prevHash: events[1].prevHash, hash: hashEvent(events[1].prevHash, rewritten) };
    expect(verifyChain(events)).toBe(3);
  });

  it('detects a dropped event at the first event after the gap', () => {
    const events = chain(EVENTS);
    events.splice(1, 1);
    expect(verifyChain(events)).toBe(3);
  });

  it('detects a dropped first event', () => {
    expect(verifyChain(chain(EVENTS).slice(1))).toBe(2);
  });

  it('detects two events swapped at the first event out of place', () => {
    const events = chain(EVENTS);
    [events[1], events[2]] = [events[2], events[1]];
    expect(verifyChain(events)).toBe(3);
  });

  it('detects a changed seq, reporting the seq the tampered event carries', () => {
    const events = chain(EVENTS);
    events[2] = { ...events[2], seq: 7 };
    expect(verifyChain(events)).toBe(7);
  });

  it('detects events renumbered to close a gap, even with their seqs consistent', () => {
    const events = chain(EVENTS);
    events.splice(1, 1);
    const renumbered = events.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered)).toBe(2);
  });

  it('detects a first event that claims a predecessor', () => {
    const events = chain(EVENTS);
    events[0] = { ...events[0], prevHash: '' };
    expect(verifyChain(events)).toBe(1);
  });

  it('detects an event inserted in the middle with a correct hash of its own', () => {
    const events = chain(EVENTS);
    const inserted: ChainedEvent = { ...EVENTS[1], seq: 3, type: 'answered', data: { text: 'forged' } };
    const forged = { ...inserted, prevHash: events[1].hash, hash: hashEvent(events[1].hash, inserted) };
    // Events after it keep their seqs and prevHashes: the old seq 3 now sits at position 4.
    events.splice(2, 0, forged);
    expect(verifyChain(events)).toBe(3);
  });
});
