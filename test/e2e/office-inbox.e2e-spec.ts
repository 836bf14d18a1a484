import { randomUUID } from 'node:crypto';
import { FixedClock } from '../../src/platform/clock/clock';
import { translator } from '../../src/platform/i18n';
import { Actors, TestUser } from '../support/actors';
import { paperAppeal } from '../support/paper-appeal';
import { startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

const az = translator('az');

/** The cases a list page shows, in order (the results table's rows carry data-result first). */
const listed = (page: string) => [...page.matchAll(/<tr data-appeal="([0-9a-f-]{36})">/g)].map((m) => m[1]);
const countOf = (page: string, tab: string) => Number(new RegExp(`data-count="${tab}">\\((\\d+)\\)`).exec(page)?.[1]);
const linkOf = (page: string, rel: 'next' | 'prev') =>
  new RegExp(`rel="${rel}" href="([^"]+)"`)
    .exec(page)?.[1]
    .replace(/&amp;/g, '&')
    .replace(/&#x3D;/g, '=');

interface Case {
  readonly id: string;
  readonly registrationNumber: string;
  readonly version: number;
  readonly type: string;
  readonly channel: string;
  readonly reviewDueDate: string;
  readonly reviewDueAt: string;
}

/**
 * Issue 15, the officials' inbox over HTTP: filters (status, executor incl. "mine" and "unassigned",
 * overdue, due this week, type, channel), search, each tab's count, keyset pages both ways without
 * gaps or repeats, "assign to me", and bulk assignment and referral where each case goes through its
 * own guarded, audited action and is reported on its own, another agency's case refused unseen.
 * The suite works in agencies it creates, so every count is its own.
 */
describe('officials inbox (HTTP)', () => {
  // 2 December 2026, a Wednesday, in Baku: "this week" runs to Sunday 6 December.
  const clock = new FixedClock(new Date('2026-12-02T10:00:00+04:00'));
  let t: TestApp;
  let actors: Actors;
  const code = `IN${randomUUID().slice(0, 6).toUpperCase()}`;
  const agency: Record<'home' | 'sub' | 'other' | 'respondent', string> = { home: '', sub: '', other: '', respondent: '' };
  let registrar: TestUser;
  let official: TestUser;
  let colleague: TestUser;
  let supervisor: TestUser;
  let otherOfficial: TestUser;
  let otherRegistrar: TestUser;
  let subRegistrar: TestUser;
  const cases: Case[] = [];
  let foreign: Case;
  let subCase: Case;
  const clients = new Map<string, WebClient>();

  async function web(user: { email: string; password: string }): Promise<WebClient> {
    let client = clients.get(user.email);
    if (!client) {
      client = new WebClient(t);
      await client.signIn(user.email, user.password);
      clients.set(user.email, client);
    }
    return client;
  }

  async function read(id: string, who: TestUser = registrar): Promise<Case & { status: string; executorId: string | null }> {
    return (await t.http.get(`/api/v1/appeals/${id}`).set(who.auth).expect(200)).body as Case & {
      status: string;
      executorId: string | null;
    };
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    actors = new Actors(t);
    const admin = await actors.admin();
    const create = async (suffix: string, parentId?: string) =>
      (
        (
          await t.http
            .post('/api/v1/agencies')
            .set(admin)
            .send({ code: `${code}-${suffix}`, name: `Sınaq qurumu ${suffix}`, ...(parentId ? { parentId } : {}) })
            .expect(201)
        ).body as { id: string }
      ).id;
    agency.home = await create('H');
    agency.sub = await create('S', agency.home);
    agency.other = await create('O');
    agency.respondent = await create('R');
    [registrar, official, colleague, supervisor, otherOfficial, otherRegistrar, subRegistrar] = await Promise.all([
      actors.staff('registrar', `${code}-H`),
      actors.staff('official', `${code}-H`),
      actors.staff('official', `${code}-H`),
      actors.staff('supervisor', `${code}-H`),
      actors.staff('official', `${code}-O`),
      actors.staff('registrar', `${code}-O`),
      actors.staff('registrar', `${code}-S`),
    ]);
    const paper = async (receivedOn: string, extra: object = {}) => {
      const made = await paperAppeal(t, registrar, agency.home, receivedOn, extra);
      return (await t.http.get(`/api/v1/appeals/${made.id}`).set(registrar.auth).expect(200)).body as Case;
    };
    // Terms ending before today (overdue), this week, and later; one fax, one complaint, one with its own words.
    for (const [receivedOn, extra] of [
      ['2026-10-20', {}],
      ['2026-11-02', { type: 'complaint', respondentAgencyId: agency.respondent }],
      ['2026-11-12', {}],
      ['2026-11-13', { channel: 'fax' }],
      ['2026-11-16', {}],
      [
        '2026-11-25',
        { subject: 'Kanalizasiya borusu partlayıb', text: 'Həyətdə kanalizasiya borusu partlayıb, iki həftədir təmir olunmur.' },
      ],
      ['2026-12-01', {}],
      ['2026-12-02', {}],
    ] as const) {
      cases.push(await paper(receivedOn, extra));
    }
    foreign = (await paperAppeal(t, otherRegistrar, agency.other, '2026-11-12')) as unknown as Case;
    subCase = (await paperAppeal(t, subRegistrar, agency.sub, '2026-11-30')) as unknown as Case;
  }, 180_000);
  afterAll(() => t.close());

  const ids = (list: readonly Case[]) => list.map((c) => c.id);
  const byDue = (list: readonly Case[]) => [...list].sort((a, b) => a.reviewDueAt.localeCompare(b.reviewDueAt) || a.id.localeCompare(b.id));

  it('lists the agency’s open cases nearest due first, filters them, and counts each tab under the other filters', async () => {
    const office = await web(registrar);
    const page = await office.get('/office');
    expect(page.status).toBe(200);
    expect(listed(page.text)).toEqual(ids(byDue(cases)));
    // Another agency's case and a sub-agency's are not a registrar's.
    expect(page.text).not.toContain(foreign.registrationNumber);
    expect(page.text).not.toContain(subCase.registrationNumber);
    // An accessible table and form: caption, column and row headers, a label for every box.
    expect(page.text).toContain('<caption>');
    expect(page.text).toContain('<th scope="col">');
    expect(page.text).toContain(`<label for="select-${cases[0].id}" class="visually-hidden">`);
    expect(page.text).toContain('<label for="filter-assignee">');

    const now = clock.now().toISOString();
    const overdue = cases.filter((c) => c.reviewDueAt < now);
    const week = cases.filter((c) => c.reviewDueDate >= '2026-12-02' && c.reviewDueDate <= '2026-12-06');
    // The data must mean something: each view has cases and leaves some out.
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(cases.length);
    expect(week.length).toBeGreaterThan(0);
    expect(week.length).toBeLessThan(cases.length);

    expect(listed((await office.get('/office?due=overdue')).text)).toEqual(ids(byDue(overdue)));
    expect(listed((await office.get('/office?due=week')).text)).toEqual(ids(byDue(week)));
    expect(listed((await office.get('/office?type=complaint')).text)).toEqual([cases[1].id]);
    expect(listed((await office.get('/office?channel=fax')).text)).toEqual([cases[3].id]);
    expect(listed((await office.get('/office?q=kanalizasiya')).text)).toEqual([cases[5].id]);
    expect(listed((await office.get('/office?q=kanalizasiya&due=overdue')).text)).toEqual([]);
    expect(listed((await office.get('/office?status=answered')).text)).toEqual([]);

    expect(countOf(page.text, 'all')).toBe(cases.length);
    expect(countOf(page.text, 'unassigned')).toBe(cases.length);
    expect(countOf(page.text, 'mine')).toBe(0);
    expect(countOf(page.text, 'overdue')).toBe(overdue.length);
    expect(countOf(page.text, 'week')).toBe(week.length);
    // The counts follow the other filters: complaints only.
    const complaints = (await office.get('/office?type=complaint')).text;
    expect(countOf(complaints, 'all')).toBe(1);
    expect(countOf(complaints, 'overdue')).toBe(overdue.some((c) => c.id === cases[1].id) ? 1 : 0);

    // A filter the rules refuse is said beside the form, not a 500.
    const refused = await office.get('/office?status=closed&assignee=someone');
    expect(refused.status).toBe(200);
    expect(refused.text).toContain('data-field="status"');
    expect(listed(refused.text)).toEqual([]);
  });

  it('a supervisor sees the agencies they oversee, the sub-agency’s case included', async () => {
    const page = (await (await web(supervisor)).get('/office')).text;
    expect(listed(page)).toEqual(ids(byDue([...cases, subCase])));
    expect(countOf(page, 'all')).toBe(cases.length + 1);
  });

  it('walks keyset pages forwards and back without gaps or repeats', async () => {
    const office = await web(registrar);
    const all = listed((await office.get('/office')).text);
    const forward: string[][] = [];
    let path: string | undefined = '/office?limit=3';
    let page = await office.get(path);
    for (;;) {
      forward.push(listed(page.text));
      path = linkOf(page.text, 'next');
      if (!path) break;
      expect(path).toContain('limit=3');
      page = await office.get(path);
      expect(forward.length).toBeLessThan(10);
    }
    expect(forward.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(forward.flat()).toEqual(all);
    // From the last page back to the first, by the "previous" links.
    const backward: string[][] = [listed(page.text)];
    let back = linkOf(page.text, 'prev');
    while (back) {
      page = await office.get(back);
      backward.unshift(listed(page.text));
      back = linkOf(page.text, 'prev');
      expect(backward.length).toBeLessThan(10);
    }
    expect(backward).toEqual(forward);
    // The first page has no way back; the last none forward.
    expect(linkOf((await office.get('/office?limit=3')).text, 'prev')).toBeUndefined();
    // A cursor nobody issued is refused as a filter error, not a 500.
    const forged = await office.get('/office?after=AAAA');
    expect(forged.status).toBe(200);
    expect(forged.text).toContain('form-error');
  });

  it('assigns the selected cases in bulk: each its own audited change; another agency’s case refused unseen', async () => {
    const office = await web(registrar);
    await office.get('/office');
    const [a, b] = [cases[2], cases[4]];
    const response = await office.post('/office/inbox/bulk', {
      op: 'assign',
      executorId: official.id,
      appealId: [a.id, b.id, foreign.id],
      [`version.${a.id}`]: String(a.version),
      [`version.${b.id}`]: String(b.version),
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain(az.t('inbox.summary', { done: 2, refused: 1 }));
    expect(response.text).toContain(`<tr data-result="done" data-appeal="${a.id}">`);
    expect(response.text).toContain(`<tr data-result="refused" data-appeal="${foreign.id}">`);
    expect(response.text).toContain(az.t('inbox.refusal.notFound'));
    // Nothing of the other agency's case is shown, and it is unchanged.
    expect(response.text).not.toContain(foreign.registrationNumber);
    expect((await read(foreign.id, otherRegistrar)).executorId).toBeNull();
    for (const c of [a, b]) {
      expect((await read(c.id)).executorId).toBe(official.id);
      const events = (await t.http.get(`/api/v1/appeals/${c.id}/events`).set(registrar.auth).expect(200)).body as {
        items: Array<{ type: string; data: { executorId?: string } }>;
      };
      expect(events.items.filter((e) => e.type === 'assigned').map((e) => e.data.executorId)).toEqual([official.id]);
    }

    // "Mine" is the official's own; "unassigned" the rest.
    const mine = (await (await web(official)).get('/office?assignee=me')).text;
    expect(listed(mine)).toEqual(ids(byDue([a, b])));
    expect(countOf(mine, 'mine')).toBe(2);
    const unassigned = listed((await office.get('/office?assignee=none')).text);
    expect(unassigned).toEqual(ids(byDue(cases.filter((c) => c !== a && c !== b))));
    expect(listed((await office.get(`/office?assignee=${official.id}`)).text)).toEqual(ids(byDue([a, b])));

    // A stale page: the version it showed is refused (409 of the single action), not acted on unseen.
    const stale = await office.post('/office/inbox/bulk', {
      op: 'assign',
      executorId: colleague.id,
      appealId: [a.id],
      [`version.${a.id}`]: String(a.version),
    });
    expect(stale.text).toContain(`<tr data-result="refused" data-appeal="${a.id}">`);
    expect(stale.text).toContain('data-code="VERSION_CONFLICT"');
    expect((await read(a.id)).executorId).toBe(official.id);

    // Nothing selected: said on the form.
    const none = await office.post('/office/inbox/bulk', { op: 'assign', executorId: official.id });
    expect(none.status).toBe(422);
    expect(none.text).toContain(az.t('inbox.noneSelected'));
  });

  it('"assign to me" is offered where the rules allow it (a supervisor of the agency) and is the audited assignment', async () => {
    const target = cases[6];
    const office = await web(supervisor);
    const page = await office.get('/office?assignee=none');
    expect(page.text).toContain(`formaction="/office/inbox/${target.id}/take"`);
    // Registrars are no executors: their page offers nothing to press (officials: the next test).
    expect((await (await web(registrar)).get('/office')).text).not.toContain('/take"');
    const { version } = await read(target.id);
    const taken = await office.post(`/office/inbox/${target.id}/take`, { takeVersion: String(version) });
    expect(taken.status).toBe(200);
    expect(taken.text).toContain(az.t('inbox.took', { number: target.registrationNumber }));
    expect((await read(target.id)).executorId).toBe(supervisor.id);
    expect(listed((await office.get('/office?assignee=me')).text)).toEqual([target.id]);
    // Taken again on the old version: someone changed it (409), shown on the page.
    const again = await office.post(`/office/inbox/${target.id}/take`, { takeVersion: String(version) });
    expect(again.status).toBe(409);
  });

  it('refers the selected cases in bulk; never to the agency complained about; per-case refusals', async () => {
    const office = await web(official);
    await office.get('/office');
    const complaint = cases[1];
    const plain = cases[0];
    const refuse = async (toAgencyId: string, selection: string[]) =>
      office.post('/office/inbox/bulk', { op: 'refer', toAgencyId, note: 'Aidiyyəti üzrə', appealId: selection });
    const toRespondent = await refuse(agency.respondent, [complaint.id, plain.id, foreign.id]);
    expect(toRespondent.status).toBe(200);
    expect(toRespondent.text).toContain(az.t('inbox.summary', { done: 1, refused: 2 }));
    expect(toRespondent.text).toContain('data-code="REFERRAL_TO_RESPONDENT_FORBIDDEN"');
    expect(toRespondent.text).toContain(az.t('inbox.refusal.respondent'));
    expect(toRespondent.text).toContain('data-code="APPEAL_NOT_FOUND"');
    expect(toRespondent.text).not.toContain(foreign.registrationNumber);
    expect((await read(complaint.id)).status).not.toBe('referred');
    const referred = await read(plain.id);
    expect(referred.status).toBe('referred');
    // The receiving agency has its own case (Art. 7.10).
    const receiving = (await t.http.get(`/api/v1/appeals/${plain.id}`).set(registrar.auth).expect(200)).body as {
      linkedCases: Array<{ agencyId: string; linkKind: string }>;
    };
    expect(receiving.linkedCases).toEqual([expect.objectContaining({ agencyId: agency.respondent, linkKind: 'referral' })]);
    // Referred: no longer in the open list.
    expect(listed((await office.get('/office')).text)).not.toContain(plain.id);
    // Again: it is no longer the agency's to refer.
    const twice = await refuse(agency.other, [plain.id]);
    expect(twice.text).toContain(`<tr data-result="refused" data-appeal="${plain.id}">`);
  });

  it('the bulk API: 200 with each case’s outcome; roles, validation and other agencies’ cases', async () => {
    const [c] = [cases[7]];
    const assigned = await t.http
      .post('/api/v1/appeals/bulk/assignment')
      .set(registrar.auth)
      .send({ appealIds: [c.id, foreign.id], executorId: colleague.id })
      .expect(200);
    expect(assigned.body).toEqual({
      done: 1,
      refused: 1,
      items: [
        {
          appealId: c.id,
          outcome: 'done',
          registrationNumber: c.registrationNumber,
          version: expect.any(Number),
          code: null,
          detail: null,
        },
        {
          appealId: foreign.id,
          outcome: 'refused',
          registrationNumber: null,
          version: null,
          code: 'APPEAL_NOT_FOUND',
          detail: expect.any(String),
        },
      ],
    });
    expect(JSON.stringify(assigned.body)).not.toContain(foreign.registrationNumber);

    // Another agency's official: the referral of this agency's cases is refused case by case, unseen, nothing changed.
    const stranger = await t.http
      .post('/api/v1/appeals/bulk/referral')
      .set(otherOfficial.auth)
      .send({ appealIds: [c.id], toAgencyId: agency.respondent })
      .expect(200);
    expect(stranger.body).toMatchObject({
      done: 0,
      refused: 1,
      items: [{ appealId: c.id, outcome: 'refused', registrationNumber: null, code: 'APPEAL_NOT_FOUND' }],
    });
    expect((await read(c.id)).status).toBe('in_review');
    // Officials do not assign; citizens have no inbox.
    await t.http
      .post('/api/v1/appeals/bulk/assignment')
      .set(otherOfficial.auth)
      .send({ appealIds: [c.id], executorId: otherOfficial.id })
      .expect(403);
    const citizen = await actors.citizen();
    await t.http
      .post('/api/v1/appeals/bulk/referral')
      .set(citizen.auth)
      .send({ appealIds: [c.id], toAgencyId: agency.other })
      .expect(403);
    await t.http
      .post('/api/v1/appeals/bulk/referral')
      .send({ appealIds: [c.id], toAgencyId: agency.other })
      .expect(401);
    // The list: uuids, each once, at most 100.
    // The same case twice in another letter case is still the same case: refused whole, not acted on twice.
    for (const appealIds of [
      [],
      [c.id, c.id],
      [c.id, c.id.toUpperCase()],
      ['not-a-uuid'],
      Array.from({ length: 101 }, () => randomUUID()),
    ]) {
      await t.http.post('/api/v1/appeals/bulk/referral').set(registrar.auth).send({ appealIds, toAgencyId: agency.other }).expect(422);
    }
    const beforeTwice = await read(c.id);
    await t.http
      .post('/api/v1/appeals/bulk/assignment')
      .set(registrar.auth)
      .send({ appealIds: [c.id, c.id.toUpperCase()], executorId: official.id })
      .expect(422);
    expect((await read(c.id)).version).toBe(beforeTwice.version);
  });

  it('refuses people without an inbox and forged form tokens', async () => {
    const citizen = await actors.citizen();
    expect((await (await web(citizen)).get('/office')).status).toBe(403);
    // Another agency's official has an inbox of their own, without this agency's cases.
    const theirs = (await (await web(otherOfficial)).get('/office')).text;
    expect(listed(theirs)).toEqual([foreign.id]);
    expect(theirs).not.toContain(cases[2].registrationNumber);
    // Taking this agency's case from there: as for a case that does not exist (404), nothing changed.
    const outsider = await web(otherOfficial);
    const before3 = await read(cases[3].id);
    const taken = await outsider.post(`/office/inbox/${cases[3].id}/take`, { takeVersion: String(before3.version) });
    expect(taken.status).toBe(404);
    expect(taken.text).not.toContain(cases[3].registrationNumber);

    const office = await web(registrar);
    await office.get('/office');
    const target = cases[3];
    const before = await read(target.id);
    const forged = await office.post('/office/inbox/bulk', {
      _csrf: 'forged',
      op: 'assign',
      executorId: official.id,
      appealId: [target.id],
    });
    expect(forged.status).toBe(403);
    const forgedTake = await (
      await web(supervisor)
    ).post(`/office/inbox/${target.id}/take`, { _csrf: 'forged', takeVersion: String(before.version) });
    expect(forgedTake.status).toBe(403);
    expect((await read(target.id)).version).toBe(before.version);
  });
  it('an official takes an unassigned case of the agency ("assign to me"); never a colleague’s, never the complaint about them', async () => {
    const take = (who: TestUser, id: string, version: number) => t.http.post(`/api/v1/appeals/${id}/take`).set(who.auth).send({ version });
    const open = await paperAppeal(t, registrar, agency.home, '2026-12-02');
    const colleagues = await paperAppeal(t, registrar, agency.home, '2026-12-02');
    // AOC 594-1.1.2: by account (the official never even sees it) and by name only (seen, never taken).
    const aboutAccount = await paperAppeal(t, registrar, agency.home, '2026-12-02', {
      type: 'complaint',
      respondentAgencyId: agency.respondent,
      respondentOfficialId: official.id,
    });
    const aboutName = await paperAppeal(t, registrar, agency.home, '2026-12-02', {
      type: 'complaint',
      respondentAgencyId: agency.home,
      respondentOfficial: 'Test Official',
    });
    expect((await take(colleague, colleagues.id, colleagues.version).expect(200)).body).toMatchObject({ executorId: colleague.id });

    const office = await web(official);
    const page = (await office.get('/office')).text;
    expect(page).toContain(`formaction="/office/inbox/${open.id}/take"`);
    expect(listed(page)).toContain(colleagues.id);
    expect(page).not.toContain(`formaction="/office/inbox/${colleagues.id}/take"`);
    expect(listed(page)).not.toContain(aboutAccount.id);
    expect(page).not.toContain(aboutAccount.registrationNumber);
    expect((await (await web(registrar)).get('/office')).text).not.toContain('/take"');

    // Taken over the page: the executor is the official, in review, one `assigned` event by them.
    const taken = await office.post(`/office/inbox/${open.id}/take`, { takeVersion: String(open.version) });
    expect(taken.status).toBe(200);
    expect(taken.text).toContain(az.t('inbox.took', { number: open.registrationNumber }));
    expect(await read(open.id)).toMatchObject({ executorId: official.id, status: 'in_review', version: open.version + 1 });
    const events = (await t.http.get(`/api/v1/appeals/${open.id}/events`).set(supervisor.auth).expect(200)).body as {
      items: Array<{ type: string; actorId: string; actorRole: string; data: { executorId?: string } }>;
    };
    expect(events.items.at(-1)).toMatchObject({
      type: 'assigned',
      actorId: official.id,
      actorRole: 'official',
      data: { executorId: official.id },
    });
    expect(listed((await office.get('/office?assignee=me')).text)).toContain(open.id);

    // A colleague's case is not taken, on the page or the API, whatever the version: 409, unchanged.
    const before = await read(colleagues.id);
    const steal = await office.post(`/office/inbox/${colleagues.id}/take`, { takeVersion: String(before.version) });
    expect(steal.status).toBe(409);
    expect((await take(official, colleagues.id, before.version).expect(409)).body).toMatchObject({ code: 'CONFLICT' });
    expect(await read(colleagues.id)).toMatchObject({ executorId: colleague.id, version: before.version });

    // The complaint about the official: as if it did not exist (404); named only by name: refused (422).
    const about = await read(aboutAccount.id);
    expect((await office.post(`/office/inbox/${aboutAccount.id}/take`, { takeVersion: String(about.version) })).status).toBe(404);
    await take(official, aboutAccount.id, about.version).expect(404);
    expect((await read(aboutAccount.id)).executorId).toBeNull();
    const named = await read(aboutName.id);
    expect((await take(official, aboutName.id, named.version).expect(422)).body).toMatchObject({
      code: 'REFERRAL_TO_RESPONDENT_FORBIDDEN',
    });
    expect((await read(aboutName.id)).executorId).toBeNull();

    // Another agency's official: 404 (nothing shown); registrars and supervisors do not `take` (403).
    const other = await read(aboutName.id);
    await take(otherOfficial, aboutName.id, other.version).expect(404);
    await take(registrar, aboutName.id, other.version).expect(403);
    await take(supervisor, aboutName.id, other.version).expect(403);
    // A stale version is 409 before anything else; a forged form token 403; nothing changed.
    const fresh = await paperAppeal(t, registrar, agency.home, '2026-12-02');
    await take(official, fresh.id, fresh.version + 1).expect(409);
    await office.get('/office');
    const forged = await office.post(`/office/inbox/${fresh.id}/take`, { _csrf: 'forged', takeVersion: String(fresh.version) });
    expect(forged.status).toBe(403);
    expect(await read(fresh.id)).toMatchObject({ executorId: null, version: fresh.version });
  });
});
