import { randomUUID } from 'node:crypto';
import { Actors, TestUser } from '../support/actors';
import { jsonBodyOperations, Json, mutationsOf, Mutation, OpenApiDocument, resolve } from '../support/malformed-payloads';
import { loadSwaggerPluginMetadata } from '../support/openapi-metadata';
import { startTestApp, TestApp } from '../support/test-app';

type Headers = Record<string, string>;
type JsonObject = { [key: string]: Json };

/** What one route needs for its validation to be reached: a caller its guard lets in, real ids, a valid body. */
interface RouteFixture {
  readonly as: Headers;
  readonly params?: Record<string, string>;
  readonly body: JsonObject;
}

interface Outcome {
  readonly route: string;
  readonly mutation: Mutation;
  readonly status: number;
  readonly contentType: string;
  readonly body: { code?: string; errors?: Array<{ field: string }> };
}

/**
 * Issue 12 "Bad input": every POST, PUT and PATCH route with a JSON body, read from the OpenAPI
 * document the app serves, gets each of its fields (top level and nested) missing, null, of the
 * wrong type, oversized and with a NUL character, one request each. Never a 5xx; a body against the
 * schema is a 4xx; a validation 422 is problem+json naming the field. The callers and ids below are
 * real, so the requests pass authentication and role checks and reach validation (asserted per route).
 *
 * Multipart routes (`POST /appeals/{id}/attachments`, the self-assessment .xlsx import) declare no
 * JSON body and are not generated here: attachments.e2e-spec.ts, upload-limits.e2e-spec.ts,
 * upload-memory.e2e-spec.ts, evaluation.e2e-spec.ts and abuse-limits.e2e-spec.ts (the .xlsx bomb)
 * send them bad and oversized parts.
 */
/** An appeal id nobody has (the bulk actions refuse it case by case). */
const NO_SUCH_APPEAL = '00000000-0000-4000-8000-000000000000';

describe('bad input: malformed bodies generated from the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let actors: Actors;
  let doc: OpenApiDocument;
  let fixtures: Record<string, RouteFixture>;
  let registrar: TestUser;
  let mtax: string;

  beforeAll(async () => {
    await loadSwaggerPluginMetadata();
    t = await startTestApp();
    actors = new Actors(t);
    doc = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    fixtures = await buildFixtures();
  }, 120_000);
  afterAll(() => t?.close());

  async function buildFixtures(): Promise<Record<string, RouteFixture>> {
    const admin = await actors.admin();
    const mia = await actors.agencyId('MIA');
    const cabmin = await actors.agencyId('CABMIN');
    // An agency of its own: the e-services and periods made here must not join a seeded agency's
    // self-assessment template that the evaluation suite imports in the same database.
    const home = `FUZZ-${randomUUID().slice(0, 8).toUpperCase()}`;
    await t.http
      .post('/api/v1/agencies')
      .set(admin)
      .send({ code: home, name: `Sınaq qurumu ${home}`, parentId: cabmin })
      .expect(201);
    actors = new Actors(t);
    mtax = await actors.agencyId(home);
    registrar = await actors.staff('registrar', home);
    const official = await actors.staff('official', home);
    const supervisor = await actors.staff('supervisor', home);
    const subjectUser = await actors.staff('official', home);
    const passwordOwner = await actors.citizen();
    const applicant = await actors.citizen();

    const appealBody = {
      type: 'complaint',
      agencyId: mtax,
      subject: 'Bəyannamə qəbul edilmir',
      text: 'Elektron bəyannaməm üç həftədir qəbul edilmir.',
    };
    const submit = async () =>
      (
        await t.http
          .post('/api/v1/appeals')
          .set(applicant.auth)
          .send({ ...appealBody, applicant: { kind: 'natural', fullName: 'Əliyev Vüqar Rəşid oğlu', email: applicant.email } })
          .expect(201)
      ).body as { id: string; version: number };
    const appeal = await submit();
    const other = await submit();
    const eService = (
      await t.http
        .post('/api/v1/evaluation/e-services')
        .set(admin)
        .send({ registryNumber: '99.12', name: 'Sınaq xidməti', agencyId: mtax })
        .expect(201)
    ).body as { id: string };
    const period = (
      await t.http
        .post('/api/v1/evaluation/periods')
        .set(admin)
        .send({ name: 'Sınaq dövrü', startsOn: '2026-01-01', endsOn: '2026-06-30' })
        .expect(201)
    ).body as { id: string };
    const stored = (await t.http.get('/api/v1/calendar/years/2027').expect(200)).body as JsonObject;
    // A working Saturday, so the generator reaches the fields of workingWeekendDays' items too.
    const year = { ...stored, workingWeekendDays: [{ date: '2027-12-04', reason: 'Sınaq iş günü' }] };

    const party = {
      kind: 'natural',
      fullName: 'Məmmədova Aygün Kamil qızı',
      address: 'Bakı, Nizami küçəsi 12',
      email: 'aygun@mail.test',
      phone: '+994 12 555 55 55',
    };
    const onAppeal = { id: appeal.id };
    const version = appeal.version;
    const answers = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [String(i + 1), true]));
    return {
      'POST /api/v1/auth/register': {
        as: {},
        body: { email: 'fuzz-register@mail.test', password: 'a-long-password-12', fullName: 'Sınaq Vətəndaş' },
      },
      'POST /api/v1/auth/login': { as: {}, body: { email: passwordOwner.email, password: passwordOwner.password, totp: '123456' } },
      'POST /api/v1/auth/verify-email': { as: {}, body: { token: 'x'.repeat(43) } },
      'POST /api/v1/auth/password-reset': { as: {}, body: { email: 'nobody-here@mail.test' } },
      'POST /api/v1/auth/password-reset/confirm': { as: {}, body: { token: 'x'.repeat(43), newPassword: 'another-long-password-1' } },
      'POST /api/v1/me/password': {
        as: passwordOwner.auth,
        body: { currentPassword: passwordOwner.password, newPassword: 'another-long-password-1' },
      },
      'POST /api/v1/me/totp/confirm': { as: official.auth, body: { code: '123456' } },
      'POST /api/v1/me/totp/disable': { as: official.auth, body: { code: '123456' } },
      'POST /api/v1/users': {
        as: admin,
        body: { email: 'fuzz-staff@gov.test', password: 'a-long-password-12', fullName: 'Sınaq İşçi', role: 'registrar', agencyId: mtax },
      },
      'PATCH /api/v1/users/{id}': {
        as: admin,
        params: { id: subjectUser.id },
        body: { fullName: 'Sınaq İcraçı', role: 'official', agencyId: mtax, active: true },
      },
      'POST /api/v1/agencies': {
        as: admin,
        body: { code: 'FUZZ-AGENCY', name: 'Sınaq agentliyi', nameEn: 'Test agency', parentId: cabmin },
      },
      'PUT /api/v1/calendar/years/{year}': { as: admin, params: { year: '2027' }, body: year },
      'POST /api/v1/appeals': {
        as: registrar.auth,
        body: {
          ...appealBody,
          applicant: party,
          coApplicants: [{ ...party, fullName: 'Həsənov Kamran Əli oğlu' }],
          representative: {
            fullName: 'Vəkil Rauf Həsənov',
            address: 'Bakı, Füzuli küçəsi 3',
            authorityDocument: 'Etibarnamə № 12, 2026-05-01',
            email: 'rauf@mail.test',
          },
          respondentAgencyId: mia,
          respondentOfficial: 'Şöbə müdiri',
          eServiceId: eService.id,
          channel: 'post',
          regime: 'standard',
          answerChannel: 'post',
          confidential: false,
        },
      },
      // Issue 15's bulk actions, on a case that does not exist: a valid body is 200 with that case refused, nothing changed.
      'POST /api/v1/appeals/bulk/assignment': { as: supervisor.auth, body: { appealIds: [NO_SUCH_APPEAL], executorId: official.id } },
      'POST /api/v1/appeals/bulk/referral': {
        as: supervisor.auth,
        body: { appealIds: [NO_SUCH_APPEAL], toAgencyId: mia, note: 'Səlahiyyət üzrə' },
      },
      'POST /api/v1/appeals/{id}/assignment': { as: supervisor.auth, params: onAppeal, body: { version, executorId: official.id } },
      'POST /api/v1/appeals/{id}/take': { as: official.auth, params: onAppeal, body: { version } },
      'POST /api/v1/appeals/{id}/referral': {
        as: supervisor.auth,
        params: onAppeal,
        body: { version, toAgencyId: mia, note: 'Səlahiyyət üzrə' },
      },
      'POST /api/v1/appeals/{id}/copies': { as: supervisor.auth, params: onAppeal, body: { version, agencyIds: [mia], note: 'Surət' } },
      'POST /api/v1/appeals/{id}/leave-without-consideration': {
        as: supervisor.auth,
        params: onAppeal,
        body: { version, ground: 'form_defect', note: 'Müraciətdə ünvan yoxdur.' },
      },
      'POST /api/v1/appeals/{id}/reopen': { as: supervisor.auth, params: onAppeal, body: { version, note: 'Əsas aradan qalxdı.' } },
      'POST /api/v1/appeals/{id}/additional-study': {
        as: supervisor.auth,
        params: onAppeal,
        body: { version, reason: 'Əlavə öyrənmə lazımdır.' },
      },
      'POST /api/v1/appeals/{id}/extension': {
        as: supervisor.auth,
        params: onAppeal,
        body: { version, reason: 'Sənədlər gözlənilir.', workingDays: 5 },
      },
      'POST /api/v1/appeals/{id}/answer': {
        as: supervisor.auth,
        params: onAppeal,
        body: { version, text: 'Müraciətinizə baxıldı.', position: 'Şöbə müdiri', channel: 'post', dispatchedOn: '2026-06-02' },
      },
      'POST /api/v1/appeals/{id}/regime': {
        as: supervisor.auth,
        params: onAppeal,
        body: { version, regime: 'standard', reason: 'Rejim təsdiq edildi.' },
      },
      'POST /api/v1/appeals/{id}/respondent': {
        as: supervisor.auth,
        params: onAppeal,
        body: { version, respondentAgencyId: mia, respondentOfficialId: subjectUser.id, respondentOfficial: 'Şöbə müdiri' },
      },
      'POST /api/v1/appeals/{id}/merge': { as: supervisor.auth, params: onAppeal, body: { version, intoAppealId: other.id } },
      'POST /api/v1/appeals/{id}/feedback': {
        as: applicant.auth,
        params: onAppeal,
        body: { satisfied: true, comment: 'Təşəkkür edirəm.' },
      },
      'POST /api/v1/evaluation/maturity': { as: {}, body: { answers } },
      'POST /api/v1/evaluation/infrastructure': { as: {}, body: { answers: { '1.1': true } } },
      'POST /api/v1/evaluation/e-services': {
        as: admin,
        body: { registryNumber: '99.13', name: 'Başqa xidmət', nameEn: 'Another service', agencyId: mtax },
      },
      'PATCH /api/v1/evaluation/e-services/{id}': {
        as: admin,
        params: { id: eService.id },
        body: { name: 'Sınaq xidməti', nameEn: 'Test service', agencyId: mtax, active: true },
      },
      'POST /api/v1/evaluation/periods': { as: admin, body: { name: 'Başqa dövr', startsOn: '2026-07-01', endsOn: '2026-12-31' } },
      'PUT /api/v1/evaluation/periods/{id}/agencies/{agencyId}/services-count': {
        as: admin,
        params: { id: period.id, agencyId: mtax },
        body: { servicesTotal: 10, servicesElectronic: 4 },
      },
      'PUT /api/v1/evaluation/periods/{id}/self-assessments/{eServiceId}': {
        as: admin,
        params: { id: period.id, eServiceId: eService.id },
        body: { answers },
      },
      'PUT /api/v1/evaluation/periods/{id}/infrastructure': { as: admin, params: { id: period.id }, body: { answers: { '1.1': true } } },
      // A reserved address (TEST-NET-3): the service refuses it, so no webhook is ever made to call out.
      'POST /api/v1/webhooks': {
        as: supervisor.auth,
        body: { url: 'https://203.0.113.10/hook', events: ['appeal.registered'], agencyId: mtax },
      },
      'POST /api/v1/admin/retention/run': { as: admin, body: { dryRun: true } },
    };
  }

  function urlOf(path: string, params: Record<string, string> = {}): string {
    return path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`no fixture value for {${name}} in ${path}`);
      return encodeURIComponent(value);
    });
  }

  /**
   * The validation error names the mutated field, a field inside it, or the object holding it. The
   * calendar domain writes list items `nonWorkingDays[0].date`, the DTOs `coApplicants.0.fullName`.
   */
  function namesField(errors: Array<{ field: string }>, field: string): boolean {
    return errors
      .map((error) => error.field.replace(/\[(\d+)\]/g, '.$1'))
      .some((named) => named === field || named.startsWith(`${field}.`) || field.startsWith(`${named}.`));
  }

  it('serves every JSON body with its fields, and has a caller, ids and a valid body for each route', () => {
    const operations = jsonBodyOperations(doc);
    const keys = operations.map((operation) => operation.key).sort();
    // A new route needs a fixture here; a removed one leaves no stale fixture behind.
    expect(keys).toEqual(Object.keys(fixtures).sort());
    // SWC runs no TypeScript plugin: without loadSwaggerPluginMetadata these schemas are empty.
    const empty = operations
      .filter((operation) => Object.keys(resolve(doc, operation.schema).properties ?? {}).length === 0)
      .map((o) => o.key);
    expect(empty).toEqual([]);
    // Inherited fields are documented too (an unexported base class left `version` out of every action).
    expect(doc.components?.schemas?.AnswerDto?.required).toEqual(expect.arrayContaining(['version', 'text']));
    const appealSchema = doc.components?.schemas?.CreateAppealDto;
    expect(Object.keys(appealSchema?.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'agencyId', 'subject', 'text', 'applicant', 'representative']),
    );
    expect(appealSchema?.required).toEqual(expect.arrayContaining(['applicant']));
  });

  it('answers every generated malformed body with a 4xx naming the field, never a 5xx', async () => {
    const outcomes: Outcome[] = [];
    const uncovered: string[] = [];
    for (const operation of jsonBodyOperations(doc)) {
      const fixture = fixtures[operation.key];
      const fieldsNotReached: string[] = [];
      const mutations = mutationsOf(doc, operation.schema, fixture.body, fieldsNotReached);
      uncovered.push(...fieldsNotReached.map((field) => `${operation.key} ${field}`));
      const url = urlOf(operation.path, fixture.params);
      for (const mutation of mutations) {
        const response = await t.http[operation.method as 'post' | 'put' | 'patch'](url).set(fixture.as).send(mutation.body);
        outcomes.push({
          route: operation.key,
          mutation,
          status: response.status,
          contentType: String(response.headers['content-type'] ?? ''),
          body: response.body as Outcome['body'],
        });
      }
    }

    const describe = (o: Outcome) =>
      `${o.route} ${o.mutation.field} ${o.mutation.kind}: ${o.status} ${JSON.stringify(o.body).slice(0, 300)}`;
    // The callers and ids are right: each route's bad bodies reach validation (400/422), not an
    // authentication, role or lookup refusal; at least four in five of them.
    const perRoute = new Map<string, { refused: number; validated: number }>();
    for (const o of outcomes.filter((outcome) => outcome.mutation.mustRefuse)) {
      const counts = perRoute.get(o.route) ?? { refused: 0, validated: 0 };
      counts.refused++;
      if (o.status === 400 || o.status === 422) counts.validated++;
      perRoute.set(o.route, counts);
    }
    // One assertion, so a failing run lists every kind of finding at once.
    const findings = {
      // Every nested object and list item of every body is reached by its valid body.
      uncovered,
      serverErrors: outcomes.filter((o) => o.status >= 500).map(describe),
      accepted: outcomes.filter((o) => o.mutation.mustRefuse && o.status < 400).map(describe),
      notProblemJson: outcomes.filter((o) => o.status >= 400 && !o.contentType.startsWith('application/problem+json')).map(describe),
      fieldNotNamed: outcomes
        .filter(
          (o) =>
            o.status === 422 &&
            o.body.code === 'VALIDATION_FAILED' &&
            o.mutation.mustRefuse &&
            !namesField(o.body.errors ?? [], o.mutation.field),
        )
        .map(describe),
      // A NUL is always refused as a rule breach naming its field (input-guards.ts).
      nulNotRefused: outcomes
        .filter((o) => o.mutation.kind === 'nul' && (o.status !== 422 || !namesField(o.body.errors ?? [], o.mutation.field)))
        .map(describe),
      validationNotReached: [...perRoute]
        .filter(([, c]) => c.validated < c.refused * 0.8)
        .map(([route, c]) => `${route}: ${c.validated}/${c.refused}`),
    };
    // The whole list, which a long diff would elide.
    if (Object.values(findings).some((list) => list.length > 0)) console.log(JSON.stringify(findings, null, 2));
    expect(findings).toEqual({
      uncovered: [],
      serverErrors: [],
      accepted: [],
      notProblemJson: [],
      fieldNotNamed: [],
      nulNotRefused: [],
      validationNotReached: [],
    });
    expect(perRoute.size).toBe(Object.keys(fixtures).length);
    expect(outcomes.length).toBeGreaterThan(400);
  }, 180_000);

  describe('a required nested object missing or null (issue 12)', () => {
    const complaint = () => ({
      type: 'complaint',
      agencyId: mtax,
      subject: 'Bəyannamə qəbul edilmir',
      text: 'Elektron bəyannaməm üç həftədir qəbul edilmir.',
      channel: 'post',
    });
    const applicant = { kind: 'natural', fullName: 'Əliyev Vüqar Rəşid oğlu', address: 'Bakı, Nizami küçəsi 12' };

    it.each([
      ['without applicant', {}, 'applicant'],
      ['with applicant null', { applicant: null }, 'applicant'],
      ['with applicant a list', { applicant: [] }, 'applicant'],
      ['with representative null', { applicant, representative: null }, 'representative'],
      ['with representative a list', { applicant, representative: [] }, 'representative'],
      ['with coApplicants null', { applicant, coApplicants: null }, 'coApplicants'],
      ['with a co-applicant a list', { applicant, coApplicants: [[]] }, 'coApplicants'],
    ])('answers a complaint %s with 422 naming the field', async (_, extra, field) => {
      const response = await t.http
        .post('/api/v1/appeals')
        .set(registrar.auth)
        .send({ ...complaint(), ...extra })
        .expect(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('still registers the complaint with those objects given', async () => {
      const response = await t.http
        .post('/api/v1/appeals')
        .set(registrar.auth)
        .send({ ...complaint(), applicant, coApplicants: [{ ...applicant, fullName: 'Həsənov Kamran Əli oğlu' }] })
        .expect(201);
      expect(response.body).toMatchObject({ collective: true, channel: 'post' });
    });
  });
});
