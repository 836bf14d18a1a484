import { Actor, Role } from '../../auth/actor';
import { AppealAccessFacts, canSeeAppeal, canSeeConfidentialContent, canSeeIdentity, mayListBeside } from './access-policy';

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

describe('canSeeAppeal: the official complained about (AOC 594-1.1.2, 594-1.1.4)', () => {
  it.each(['registrar', 'official', 'supervisor'] as const)('a %s named as the respondent official does not see the complaint', (role) => {
    const actor = actors[role];
    const appeal: AppealAccessFacts = { ...appealFor(actor, 'own agency'), respondentOfficialId: actor.id };
    expect(canSeeAppeal(actor, appeal, SUPERVISED)).toBe(false);
    expect(canSeeIdentity(actor, appeal, SUPERVISED)).toBe(false);
    expect(canSeeConfidentialContent(actor, appeal, SUPERVISED)).toBe(false);
  });

  it('a supervisor above the respondent official still sees it', () => {
    const appeal: AppealAccessFacts = { ...appealFor(actors.supervisor, 'supervised agency'), respondentOfficialId: 'user-official-child' };
    expect(canSeeAppeal(actors.supervisor, appeal, SUPERVISED)).toBe(true);
  });

  it('naming somebody else changes nothing for the other staff', () => {
    const appeal: AppealAccessFacts = { ...appealFor(actors.official, 'own agency'), respondentOfficialId: 'user-someone-else' };
    expect(canSeeAppeal(actors.official, appeal, SUPERVISED)).toBe(true);
  });
});

describe('canSeeIdentity: need to know (appeals-rules.md 16, 18)', () => {
  const base: AppealAccessFacts = { ownerUserId: 'user-citizen', agencyId: OWN, confidential: false };
  const otherCitizen: Actor = { id: 'user-other-citizen', role: 'citizen', agencyId: null };
  const otherOfficial: Actor = { id: 'user-other-official', role: 'official', agencyId: OWN };
  const elsewhere: Actor = { id: 'user-registrar-elsewhere', role: 'registrar', agencyId: UNRELATED };

  // [who, actor, executor, supervised, identity on an ordinary appeal, identity on a confidential one]
  it.each<[string, Actor, string | null, readonly string[], boolean, boolean]>([
    ['the applicant who owns it', actors.citizen, null, [], true, true],
    ['another citizen', otherCitizen, null, [], false, false],
    ['the assigned executor (an official)', actors.official, 'user-official', [], true, true],
    ['an official of the agency who is not the executor', otherOfficial, 'user-official', [], false, false],
    ['an official before any executor is assigned', actors.official, null, [], false, false],
    ['a registrar of the handling agency', actors.registrar, 'user-official', [], true, false],
    ['a registrar of another agency', elsewhere, null, [], false, false],
    ['a supervisor of the agency', actors.supervisor, 'user-official', [OWN], true, true],
    ['a supervisor of another subtree', actors.supervisor, 'user-official', ['some-other-agency'], false, false],
    ['an admin', actors.admin, 'user-official', [], false, false],
  ])('%s sees the identity: %s (ordinary), %s (confidential)', (_label, actor, executorId, supervised, ordinary, confidential) => {
    expect(canSeeIdentity(actor, { ...base, executorId }, supervised)).toBe(ordinary);
    expect(canSeeIdentity(actor, { ...base, executorId, confidential: true }, supervised)).toBe(confidential);
  });

  it('an unassigned executor (undefined) does not match an actor', () => {
    expect(canSeeIdentity(actors.official, { ...base, executorId: undefined }, [])).toBe(false);
  });
});

describe('canSeeConfidentialContent (appeals-rules.md 16)', () => {
  const confidential: AppealAccessFacts = { ownerUserId: 'user-citizen', agencyId: OWN, confidential: true, executorId: 'user-official' };

  it.each<[string, Actor, boolean]>([
    ['the applicant', actors.citizen, true],
    ['the executor', actors.official, true],
    ['a supervisor of the agency', actors.supervisor, true],
    ['a registrar of the agency', actors.registrar, false],
    ['another official of the agency', { id: 'user-other-official', role: 'official', agencyId: OWN }, false],
  ])('%s reads a confidential text: %s', (_label, actor, expected) => {
    expect(canSeeConfidentialContent(actor, confidential, [OWN])).toBe(expected);
  });

  it('the text of an ordinary appeal is for everyone who sees the case', () => {
    const ordinary = { ...confidential, confidential: false, executorId: null };
    expect(canSeeConfidentialContent(actors.registrar, ordinary, [])).toBe(true);
    expect(canSeeConfidentialContent({ id: 'user-x', role: 'official', agencyId: OWN }, ordinary, [])).toBe(true);
  });
});

describe('mayListBeside (appeals-rules.md 18)', () => {
  it('an ordinary case may be listed beside another one', () => {
    expect(mayListBeside(actors.registrar, { ownerUserId: null, agencyId: UNRELATED, confidential: false }, [])).toBe(true);
  });

  it('a confidential case only for those who may see its identity', () => {
    const confidential: AppealAccessFacts = { ownerUserId: 'user-citizen', agencyId: OWN, confidential: true, executorId: 'user-official' };
    expect(mayListBeside(actors.registrar, confidential, [])).toBe(false);
    expect(mayListBeside(actors.official, confidential, [])).toBe(true);
    expect(mayListBeside(actors.citizen, confidential, [])).toBe(true);
  });
});
