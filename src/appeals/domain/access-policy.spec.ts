import { Actor, Role } from '../../auth/actor';
import { AppealAccessFacts, canSeeAppeal, canSeeIdentity } from './access-policy';

// Agency tree: PARENT > OWN > CHILD; UNRELATED is elsewhere. Every staff actor works at OWN.
const PARENT = 'agency-parent';
const OWN = 'agency-own';
const CHILD = 'agency-child';
const UNRELATED = 'agency-unrelated';
/** The supervisor's subtree (OWN and below), as AppealsService computes it. */
const SUPERVISED = [OWN, CHILD];

const actors: Record<Role, Actor> = {
  citizen: { id: 'user-citizen', role: 'citizen', agencyId: null },
  registrar: { id: 'user-registrar', role: 'registrar', agencyId: OWN },
  official: { id: 'user-official', role: 'official', agencyId: OWN },
  supervisor: { id: 'user-supervisor', role: 'supervisor', agencyId: OWN },
  admin: { id: 'user-admin', role: 'admin', agencyId: null },
};

type Situation = 'owner' | 'own agency' | 'supervised agency' | 'parent agency' | 'unrelated';

function appealFor(actor: Actor, situation: Situation, confidential = false): AppealAccessFacts {
  switch (situation) {
    case 'owner':
      return { ownerUserId: actor.id, agencyId: UNRELATED, confidential };
    case 'own agency':
      return { ownerUserId: 'user-someone-else', agencyId: OWN, confidential };
    case 'supervised agency':
      return { ownerUserId: 'user-someone-else', agencyId: CHILD, confidential };
    case 'parent agency':
      return { ownerUserId: 'user-someone-else', agencyId: PARENT, confidential };
    case 'unrelated':
      return { ownerUserId: 'user-someone-else', agencyId: UNRELATED, confidential };
  }
}

// Expected visibility: role -> [owner, own agency, supervised agency, parent agency, unrelated].
const SITUATIONS: readonly Situation[] = ['owner', 'own agency', 'supervised agency', 'parent agency', 'unrelated'];
const EXPECTED: Record<Role, readonly boolean[]> = {
  citizen: [true, false, false, false, false],
  registrar: [false, true, false, false, false],
  official: [false, true, false, false, false],
  supervisor: [false, true, true, false, false],
  admin: [false, false, false, false, false],
};

const table = (Object.keys(EXPECTED) as Role[]).flatMap((role) =>
  SITUATIONS.map((situation, i) => [role, situation, EXPECTED[role][i]] as const),
);

describe('canSeeAppeal', () => {
  it.each(table)('a %s looking at an appeal of the %s situation sees it: %s', (role, situation, expected) => {
    const actor = actors[role];
    // Every role gets the subtree, so the table also shows that only supervisors use it.
    expect(canSeeAppeal(actor, appealFor(actor, situation), SUPERVISED)).toBe(expected);
  });

  it('a supervisor with an empty subtree sees nothing, not even their own agency', () => {
    expect(canSeeAppeal(actors.supervisor, appealFor(actors.supervisor, 'own agency'), [])).toBe(false);
  });

  it('an anonymous appeal without an owner is seen by no citizen', () => {
    const appeal: AppealAccessFacts = { ownerUserId: null, agencyId: OWN, confidential: false };
    expect(canSeeAppeal(actors.citizen, appeal, [])).toBe(false);
  });

  it('a staff member bound to no agency sees no appeal', () => {
    const registrar: Actor = { id: 'user-registrar', role: 'registrar', agencyId: null };
    expect(canSeeAppeal(registrar, appealFor(registrar, 'own agency'), [])).toBe(false);
  });

  it('confidentiality does not change who sees the case itself', () => {
    for (const [role, situation, expected] of table) {
      const actor = actors[role];
      expect(canSeeAppeal(actor, appealFor(actor, situation, true), SUPERVISED)).toBe(expected);
    }
  });
});

describe('canSeeIdentity (appeals-rules.md 16, 18)', () => {
  const confidential = { ownerUserId: 'user-citizen', agencyId: OWN, confidential: true };

  it.each(Object.keys(actors) as Role[])('a %s sees the identity on an appeal that is not confidential', (role) => {
    expect(canSeeIdentity(actors[role], { ...confidential, confidential: false }, [])).toBe(true);
  });

  it.each<[string, Actor, string | null, boolean]>([
    ['the applicant who owns it', actors.citizen, null, true],
    ['another citizen', { id: 'user-other-citizen', role: 'citizen', agencyId: null }, null, false],
    ['the assigned executor (an official)', actors.official, 'user-official', true],
    ['an official who is not the executor', actors.official, 'user-someone-else', false],
    ['an official before any executor is assigned', actors.official, null, false],
    ['the registrar who is not the executor', actors.registrar, 'user-official', false],
    ['a registrar who is the executor', actors.registrar, 'user-registrar', true],
    ['a supervisor of the agency', actors.supervisor, 'user-official', true],
    ['an admin', actors.admin, 'user-official', false],
  ])('on a confidential appeal, %s sees the identity: %s', (_label, actor, executorId, expected) => {
    expect(canSeeIdentity(actor, { ...confidential, executorId }, [confidential.agencyId])).toBe(expected);
  });

  it('a supervisor of another subtree does not see a confidential identity', () => {
    expect(canSeeIdentity(actors.supervisor, confidential, ['some-other-agency'])).toBe(false);
  });

  it('an unassigned executor (undefined) does not match an actor', () => {
    expect(canSeeIdentity(actors.official, { ...confidential, executorId: undefined }, [])).toBe(false);
  });
});
