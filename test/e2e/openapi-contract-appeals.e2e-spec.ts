import { Actors, TestUser } from '../support/actors';
import { ContractClient } from '../support/openapi-contract';
import { CONTRACT_OWNERS } from '../support/openapi-contract-owners';
import { loadSwaggerPluginMetadata } from '../support/openapi-metadata';
import { startTestApp, TestApp } from '../support/test-app';
import { caseStaff, recordPaperAppeal, until } from '../support/timers';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024, 0x20), Buffer.from('\n%%EOF\n')]);
const ANSWER = 'Müraciətinizə baxıldı, bəyannaməniz qəbul edildi və sistemdə qeydə alındı.';

interface Appeal {
  readonly id: string;
  readonly version: number;
}

/**
 * Issue 14 "The OpenAPI document tells the whole truth", the appeals' operations: intake, reading,
 * every case action, attachments, control and the deadline alerts. Each owned operation answers a
 * success and a documented error, every answer checked against the document
 * (test/support/openapi-contract.ts). The cases belong to an agency made for this suite, below
 * the Cabinet, whose supervisor is the controlling body above it.
 */
describe('the OpenAPI document against real responses: appeals (e2e)', () => {
  const owned = CONTRACT_OWNERS.appeals;
  let t: TestApp;
  let api: ContractClient;
  let actors: Actors;
  let admin: Record<string, string>;
  let citizen: TestUser;
  let staff: { agency: string; registrar: TestUser; official: TestUser; supervisor: TestUser };
  let cabinetSupervisor: TestUser;
  let mia: string;

  const complaint = () => ({
    type: 'complaint',
    agencyId: staff.agency,
    subject: 'Bəyannamə qəbul edilmir',
    text: 'Elektron bəyannaməm üç həftədir qəbul edilmir, xahiş edirəm məsələyə baxasınız.',
    applicant: { kind: 'natural', fullName: 'Əliyev Vüqar Rəşid oğlu', email: citizen.email },
  });
  const submit = async (body: object = complaint()): Promise<Appeal> =>
    (await api.call('post', '/api/v1/appeals', { as: citizen.auth, body, expect: 201 })).body as Appeal;
  const paper = (): Promise<Appeal> => recordPaperAppeal(t, staff.registrar, staff.agency, today());
  const today = () => new Date(Date.now() + 4 * 3_600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    await loadSwaggerPluginMetadata();
    t = await startTestApp({ env: { TIMER_TICK_MS: '200' } });
    api = await ContractClient.start(t);
    actors = new Actors(t);
    admin = await actors.admin();
    citizen = await actors.citizen();
    staff = await caseStaff(t, actors, 'CABMIN');
    cabinetSupervisor = await actors.staff('supervisor', 'CABMIN');
    mia = await actors.agencyId('MIA');
  }, 120_000);

  afterAll(() => t?.close());

  it('answers intake and the reads as documented', async () => {
    const appeal = await submit();
    await api.call('post', '/api/v1/appeals', { as: citizen.auth, body: { ...complaint(), applicant: undefined }, expect: 422 });
    await api.call('post', '/api/v1/appeals', { as: admin, body: complaint(), expect: 403 });
    await api.call('post', '/api/v1/appeals', { as: citizen.auth, raw: { contentType: 'application/json', data: '"text"' }, expect: 400 });
    await api.call('post', '/api/v1/appeals', {
      as: staff.registrar.auth,
      body: {
        ...complaint(),
        channel: 'post',
        applicant: { kind: 'natural', fullName: 'Həsənov Kamran Əli oğlu', address: 'Bakı, Nizami küçəsi 12' },
      },
      expect: 201,
    });
    const onCase = { id: appeal.id };

    await api.call('get', '/api/v1/appeals', { as: staff.registrar.auth, query: { limit: '1' }, expect: 200 });
    await api.call('get', '/api/v1/appeals', { as: citizen.auth, expect: 200 });
    await api.call('get', '/api/v1/appeals', { as: staff.registrar.auth, query: { cursor: 'not-a-cursor' }, expect: 400 });
    await api.call('get', '/api/v1/appeals', { as: staff.registrar.auth, query: { status: 'lost' }, expect: 422 });
    await api.call('get', '/api/v1/appeals/counts', { as: staff.registrar.auth, expect: 200 });
    await api.call('get', '/api/v1/appeals/counts', { as: citizen.auth, expect: 403 });
    await api.call('get', '/api/v1/appeals/{id}', { as: citizen.auth, params: onCase, expect: 200 });
    await api.call('get', '/api/v1/appeals/{id}', { as: staff.supervisor.auth, params: onCase, expect: 200 });
    await api.call('get', '/api/v1/appeals/{id}', { as: staff.registrar.auth, params: { id: UNKNOWN }, expect: 404 });
    await api.call('get', '/api/v1/appeals/{id}', { params: onCase, expect: 401 });
    await api.call('get', '/api/v1/appeals/{id}/events', { as: staff.registrar.auth, params: onCase, expect: 200 });
    await api.call('get', '/api/v1/appeals/{id}/events', { as: staff.registrar.auth, params: { id: UNKNOWN }, expect: 404 });
    await api.call('get', '/api/v1/appeals/{id}/access-log', { as: staff.supervisor.auth, params: onCase, expect: 200 });
    await api.call('get', '/api/v1/appeals/{id}/access-log', { as: staff.registrar.auth, params: onCase, expect: 403 });
    await api.call('get', '/api/v1/appeals/{id}/follow-up-candidates', { as: staff.registrar.auth, params: onCase, expect: 200 });
    await api.call('get', '/api/v1/appeals/{id}/follow-up-candidates', { as: citizen.auth, params: onCase, expect: 403 });
    expect(api.takeFindings()).toEqual([]);
  });

  it('answers the handling of a case to its answer and feedback as documented', async () => {
    const appeal = await submit();
    const onCase = { id: appeal.id };
    const act = (path: string, as: TestUser, body: object, expect: number) =>
      api.call('post', `/api/v1/appeals/{id}/${path}`, { as: as.auth, params: onCase, body, expect });
    let version = appeal.version;
    const next = (response: { body: unknown }) => (version = (response.body as Appeal).version);

    await act('assignment', staff.supervisor, { version: version + 5, executorId: staff.official.id }, 409);
    next(await act('assignment', staff.supervisor, { version, executorId: staff.official.id }, 200));
    next(await act('respondent', staff.registrar, { version, respondentOfficial: 'Şöbə müdiri' }, 200));
    await act('respondent', staff.official, { version, respondentOfficial: 'Şöbə müdiri' }, 403);
    next(await act('additional-study', staff.official, { version, reason: 'Vergi orqanından məlumat sorğulanır.' }, 200));
    await act('additional-study', staff.registrar, { version, reason: 'Vergi orqanından məlumat sorğulanır.' }, 403);
    next(await act('extension', staff.official, { version, workingDays: 10, reason: 'Əlavə sənəd tələb olunur.' }, 200));
    await act('extension', staff.official, { version, workingDays: 5, reason: 'Yenə uzadılır.' }, 422);

    const upload = await api.call('post', '/api/v1/appeals/{id}/attachments', {
      as: staff.official.auth,
      params: onCase,
      multipart: { files: { file: { data: PDF, filename: 'arayis.pdf', contentType: 'application/pdf' } } },
      expect: 201,
    });
    await api.call('post', '/api/v1/appeals/{id}/attachments', {
      as: staff.official.auth,
      params: onCase,
      raw: { contentType: 'text/plain', data: 'not a form' },
      expect: 415,
    });
    const attachmentId = (upload.body as { items: Array<{ id: string }> }).items[0].id;
    await api.call('get', '/api/v1/appeals/{id}/attachments/{attachmentId}', {
      as: citizen.auth,
      params: { id: appeal.id, attachmentId },
      expect: 200,
    });
    await api.call('get', '/api/v1/appeals/{id}/attachments/{attachmentId}', {
      as: citizen.auth,
      params: { id: appeal.id, attachmentId: UNKNOWN },
      expect: 404,
    });

    // Issue 15, "assign to me": an official takes an unassigned case; a taken one is CONFLICT (409).
    const unassigned = await submit();
    const take = (as: TestUser, body: object, expect: number) =>
      api.call('post', '/api/v1/appeals/{id}/take', { as: as.auth, params: { id: unassigned.id }, body, expect });
    await take(staff.registrar, { version: unassigned.version }, 403);
    await take(staff.official, { version: 0 }, 422);
    const taken = (await take(staff.official, { version: unassigned.version }, 200)).body as Appeal & { executorId: string };
    expect(taken.executorId).toBe(staff.official.id);
    await take(staff.official, { version: taken.version }, 409);

    await act('answer', staff.official, { version: version - 1, text: ANSWER, position: 'Şöbə müdiri' }, 409);
    next(await act('answer', staff.official, { version, text: ANSWER, position: 'Şöbə müdiri' }, 200));
    await api.call('get', '/api/v1/appeals/{id}', { as: citizen.auth, params: onCase, expect: 200 });
    await act('feedback', citizen, { satisfied: true, comment: 'Təşəkkür edirəm.' }, 201);
    await act('feedback', citizen, { satisfied: false }, 409);
    expect(api.takeFindings()).toEqual([]);
  });

  it('answers referral, copies, closing, reopening, withdrawal, merging and the bulk actions as documented', async () => {
    const act = (path: string, as: TestUser, id: string, body: object | undefined, expect: number) =>
      api.call('post', `/api/v1/appeals/{id}/${path}`, { as: as.auth, params: { id }, ...(body ? { body } : {}), expect });

    const referred = await paper();
    await act('referral', staff.registrar, referred.id, { version: referred.version, toAgencyId: mia, note: 'Səlahiyyət üzrə' }, 200);
    await act('referral', staff.registrar, UNKNOWN, { version: 1, toAgencyId: mia }, 404);

    // A military appeal keeps its term (Art. 10.3, 10.4): a case of its own.
    const military = await paper();
    await act('regime', staff.official, military.id, { version: military.version, regime: 'military', reason: 'Hərbi qulluqçudur.' }, 200);
    await act('regime', staff.official, military.id, { version: military.version + 1, regime: 'royal', reason: 'Yoxdur.' }, 422);

    const copied = await paper();
    await act('copies', staff.registrar, copied.id, { version: copied.version, agencyIds: [mia], note: 'Məlumat üçün' }, 200);
    await act('copies', staff.registrar, copied.id, { version: copied.version + 1, agencyIds: [] }, 422);

    const defect = await paper();
    const left = await act(
      'leave-without-consideration',
      staff.registrar,
      defect.id,
      {
        version: defect.version,
        ground: 'form_defect',
        note: 'İmza yoxdur.',
      },
      200,
    );
    await act('leave-without-consideration', staff.registrar, copied.id, { version: 9, ground: 'bored', note: 'Yox.' }, 422);
    await act('reopen', staff.registrar, defect.id, { version: (left.body as Appeal).version, note: 'İmza təqdim edilib.' }, 200);
    await act('reopen', staff.registrar, UNKNOWN, { version: 1, note: 'Yoxdur.' }, 404);

    const withdrawn = await submit();
    await act('withdrawal', citizen, withdrawn.id, undefined, 200);
    await act('withdrawal', citizen, withdrawn.id, undefined, 422);

    const first = await submit();
    const followUp = await submit();
    const candidates = await api.call('get', '/api/v1/appeals/{id}/follow-up-candidates', {
      as: staff.registrar.auth,
      params: { id: followUp.id },
      expect: 200,
    });
    expect((candidates.body as { items: Array<{ id: string }> }).items.map((c) => c.id)).toContain(first.id);
    const merged = await act('merge', staff.registrar, followUp.id, { version: followUp.version, intoAppealId: first.id }, 200);
    await act('merge', staff.registrar, followUp.id, { version: (merged.body as Appeal).version, intoAppealId: first.id }, 422);

    // The office's bulk actions (issue 15): 200 with each case's outcome, an unknown id among them refused as not found.
    const bulk = { appealIds: [(await paper()).id, UNKNOWN] };
    const assignment = { ...bulk, executorId: staff.official.id };
    await api.call('post', '/api/v1/appeals/bulk/assignment', { as: staff.supervisor.auth, body: assignment, expect: 200 });
    await api.call('post', '/api/v1/appeals/bulk/assignment', { as: staff.official.auth, body: assignment, expect: 403 });
    await api.call('post', '/api/v1/appeals/bulk/referral', { as: staff.official.auth, body: { ...bulk, toAgencyId: mia }, expect: 200 });
    await api.call('post', '/api/v1/appeals/bulk/referral', {
      as: staff.official.auth,
      body: { appealIds: [], toAgencyId: mia },
      expect: 422,
    });
    await api.call('post', '/api/v1/appeals/bulk/referral', { body: { ...bulk, toAgencyId: mia }, expect: 401 });
    expect(api.takeFindings()).toEqual([]);
  });

  it('answers control and the deadline alerts as documented', async () => {
    const watched = await paper();
    const control = (as: TestUser, id: string, expect: number) =>
      api.call('post', '/api/v1/appeals/{id}/control', { as: as.auth, params: { id }, expect });
    await control(cabinetSupervisor, watched.id, 200);
    // Only a body above the handling agency controls (appeals-rules.md 17).
    await control(staff.supervisor, watched.id, 422);

    // Received a year and a half ago: overdue as soon as it is recorded, so the supervisor is alerted.
    await recordPaperAppeal(t, staff.registrar, staff.agency, '2025-06-02');
    const page = await until(
      async () => (await api.call('get', '/api/v1/alerts', { as: staff.supervisor.auth, query: { limit: '5' }, expect: 200 })).body,
      (body) => (body as { items: unknown[] }).items.length > 0,
    );
    const alert = (page as { items: Array<{ id: string }> }).items[0];
    await api.call('get', '/api/v1/alerts', { as: staff.official.auth, expect: 403 });
    await api.call('post', '/api/v1/alerts/{id}/acknowledge', { as: staff.supervisor.auth, params: { id: alert.id }, expect: 200 });
    await api.call('post', '/api/v1/alerts/{id}/acknowledge', { as: staff.supervisor.auth, params: { id: '999999999999' }, expect: 404 });
    expect(api.takeFindings()).toEqual([]);
  }, 30_000);

  it('drove every operation it owns to a documented success and error', () => {
    expect(api.uncovered(owned)).toEqual([]);
    expect(api.drivenOutside(owned)).toEqual([]);
  });
});
