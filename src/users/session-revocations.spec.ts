import { decodeRevocation, encodeRevocation } from './session-revocations';

describe('session revocation messages', () => {
  const id = '0b6f1c9e-2f1a-4b8e-9d3c-5a7e8f9a0b1c';

  it.each([{ kind: 'session', id } as const, { kind: 'user', id } as const])('round-trips %o', (revocation) => {
    expect(decodeRevocation(encodeRevocation(revocation))).toEqual(revocation);
  });

  it.each(['', 'x:' + id, 's:not-an-id', 'u:' + id + 'x'])('reads nothing from %s (the cache then forgets everything)', (message) => {
    expect(decodeRevocation(message)).toBeUndefined();
  });
});
