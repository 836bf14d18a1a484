import { hashRequest } from './idempotency.service';

const key = Buffer.alloc(32, 7);

const body = {
  type: 'complaint',
  agencyId: 'agency-1',
  applicant: { kind: 'natural', fullName: 'Əli Məmmədov', email: 'ali@example.az' },
  coApplicants: [
    { kind: 'legal', organisationName: 'Xəzər MMC' },
    { kind: 'natural', fullName: 'Vəli' },
  ],
};

describe('hashRequest', () => {
  it('is an HMAC-SHA-256 hex digest, the same for the same body', () => {
    expect(hashRequest(body, key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRequest(body, key)).toBe(hashRequest(JSON.parse(JSON.stringify(body)), key));
  });

  it('does not depend on key order, at any depth', () => {
    const reordered = {
      coApplicants: [
        { organisationName: 'Xəzər MMC', kind: 'legal' },
        { fullName: 'Vəli', kind: 'natural' },
      ],
      applicant: { email: 'ali@example.az', fullName: 'Əli Məmmədov', kind: 'natural' },
      agencyId: 'agency-1',
      type: 'complaint',
    };
    expect(hashRequest(reordered, key)).toBe(hashRequest(body, key));
  });

  it('ignores undefined members, as they are absent from the JSON body', () => {
    expect(hashRequest({ ...body, regime: undefined, applicant: { ...body.applicant, phone: undefined } }, key)).toBe(
      hashRequest(body, key),
    );
  });

  it('keeps the order of arrays: co-applicants in another order are another request', () => {
    expect(hashRequest({ ...body, coApplicants: [...body.coApplicants].reverse() }, key)).not.toBe(hashRequest(body, key));
  });

  it.each<[string, object]>([
    ['another type', { ...body, type: 'proposal' }],
    ['another nested value', { ...body, applicant: { ...body.applicant, email: 'vali@example.az' } }],
    ['an extra member', { ...body, regime: 'urgent' }],
    ['a member set to null instead of absent', { ...body, regime: null }],
    ['a number instead of a string', { ...body, agencyId: 1 }],
  ])('differs for %s', (_label, other) => {
    expect(hashRequest(other, key)).not.toBe(hashRequest(body, key));
  });

  it('depends on the deployment key, so a stored hash cannot be checked against guessed bodies elsewhere', () => {
    expect(hashRequest(body, Buffer.alloc(32, 8))).not.toBe(hashRequest(body, key));
  });
});
