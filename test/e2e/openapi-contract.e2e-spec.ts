import Ajv, { ValidateFunction } from 'ajv';
import { Actors } from '../support/actors';
import { openApiAjv } from '../support/openapi-ajv';
import { loadSwaggerPluginMetadata } from '../support/openapi-metadata';
import { startTestApp, TestApp } from '../support/test-app';

type Headers = Record<string, string>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
  components: { schemas: Record<string, object> };
}

interface Finding {
  readonly route: string;
  readonly status: number;
  readonly problem: string;
}

/**
 * Issue 14 "The OpenAPI document tells the whole truth": documented routes are called for real, a
 * valid request and the usual wrong ones (no token, someone else's role, an unknown id, a body
 * against the rules), and every answer is checked against the document the app serves: its status
 * is documented for the route, its content type is the documented one (problem+json for errors),
 * and its body validates against the documented schema with ajv (OpenAPI 3.0 `nullable`, formats
 * uuid, date, and date-time as the API's one instant form: test/support/openapi-ajv.ts).
 */
describe('the OpenAPI document against real responses (e2e)', () => {
  let t: TestApp;
  let doc: OpenApi;
  let ajv: Ajv;
  const validators = new Map<string, ValidateFunction>();
  const findings: Finding[] = [];
  const driven = new Set<string>();

  beforeAll(async () => {
    await loadSwaggerPluginMetadata();
    t = await startTestApp();
    doc = (await t.http.get('/docs-json').expect(200)).body as OpenApi;
    ajv = openApiAjv();
    ajv.addSchema({ $id: 'openapi.json', components: doc.components });
  }, 120_000);
  afterAll(() => t?.close());

  function validatorFor(key: string, schema: object): ValidateFunction {
    let validate = validators.get(key);
    if (!validate) {
      const rebased = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi.json#/components/')) as object;
      validate = ajv.compile(rebased);
      validators.set(key, validate);
    }
    return validate;
  }

  /** Calls `method path` (the documented template, filled from params) and checks the answer against the document. */
  async function call(
    method: Method,
    path: string,
    options: { as?: Headers; params?: Record<string, string>; query?: Record<string, string>; body?: object } = {},
  ): Promise<{ status: number; body: unknown }> {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? ''));
    let request = t.http[method](url).set(options.as ?? {});
    if (options.query) request = request.query(options.query);
    const response = options.body ? await request.send(options.body) : await request;
    const route = `${method.toUpperCase()} ${path}`;
    driven.add(route);
    const operation = doc.paths[path]?.[method];
    const found = (problem: string) => findings.push({ route, status: response.status, problem });
    if (!operation) {
      found('route not in the document');
      return response;
    }
    const documented = operation.responses[String(response.status)];
    if (!documented) {
      found(
        `status not documented (documented: ${Object.keys(operation.responses).join(', ')}): ${JSON.stringify(response.body).slice(0, 200)}`,
      );
      return response;
    }
    const contentType = String(response.headers['content-type'] ?? '').split(';')[0];
    if (!documented.content) {
      if (response.text) found(`a body where the document has none: ${response.text.slice(0, 100)}`);
      return response;
    }
    const media = documented.content[contentType];
    if (!media) {
      found(`content type ${contentType} not documented (${Object.keys(documented.content).join(', ')})`);
      return response;
    }
    if (media.schema && contentType.endsWith('json')) {
      const validate = validatorFor(`${route} ${response.status} ${contentType}`, media.schema);
      if (!validate(response.body)) found(`body against the schema: ${ajv.errorsText(validate.errors)}`);
    }
    return response;
  }

  it('answers every driven route as documented', async () => {
    const admin = await actors().admin();
    const mtax = await actors().agencyId('MTAX');
    const mia = await actors().agencyId('MIA');
    const registrar = await actors().staff('registrar', 'MTAX');
    const official = await actors().staff('official', 'MTAX');
    const supervisor = await actors().staff('supervisor', 'MTAX');
    const citizen = await actors().citizen();
    const unknown = '00000000-0000-4000-8000-000000000000';

    await call('get', '/health');
    await call('get', '/api/v1/agencies');
    await call('get', '/api/v1/agencies/{id}', { params: { id: mtax } });
    await call('get', '/api/v1/agencies/{id}', { params: { id: unknown } });
    await call('get', '/api/v1/agencies/{id}', { params: { id: 'not-a-uuid' } });
    await call('post', '/api/v1/agencies', { as: admin, body: { code: 'CONTRACT-1', name: 'Müqavilə agentliyi', parentId: mtax } });
    await call('post', '/api/v1/agencies', { as: admin, body: { code: 'CONTRACT-1', name: 'Müqavilə agentliyi' } });
    await call('post', '/api/v1/agencies', { as: citizen.auth, body: { code: 'CONTRACT-2', name: 'Müqavilə agentliyi' } });
    await call('post', '/api/v1/agencies', { body: { code: 'CONTRACT-3', name: 'Müqavilə agentliyi' } });
    await call('post', '/api/v1/agencies', { as: admin, body: { code: 'x' } });

    await call('post', '/api/v1/auth/register', {
      body: { email: 'contract-citizen@mail.test', password: 'a-long-password-12', fullName: 'Sınaq Vətəndaş' },
    });
    await call('post', '/api/v1/auth/register', { body: { email: 'not-an-email', password: 'short', fullName: '' } });
    await call('post', '/api/v1/auth/login', { body: { email: citizen.email, password: citizen.password } });
    await call('post', '/api/v1/auth/login', { body: { email: citizen.email, password: 'wrong-password-123' } });
    await call('get', '/api/v1/me', { as: citizen.auth });
    await call('get', '/api/v1/me');
    await call('get', '/api/v1/me/totp', { as: official.auth });
    await call('get', '/api/v1/users', { as: admin, query: { limit: '5' } });
    await call('get', '/api/v1/users/{id}', { as: admin, params: { id: official.id } });
    await call('get', '/api/v1/users/{id}', { as: admin, params: { id: unknown } });
    await call('get', '/api/v1/users', { as: citizen.auth });

    await call('get', '/api/v1/calendar/deadline', { query: { from: '2026-06-01', workingDays: '15' } });
    await call('get', '/api/v1/calendar/deadline', { query: { from: 'yesterday', workingDays: '15' } });
    await call('get', '/api/v1/calendar/years/{year}', { params: { year: '2026' } });

    const appealBody = {
      type: 'complaint',
      agencyId: mtax,
      subject: 'Bəyannamə qəbul edilmir',
      text: 'Elektron bəyannaməm üç həftədir qəbul edilmir.',
      applicant: { kind: 'natural', fullName: 'Əliyev Vüqar Rəşid oğlu', email: citizen.email },
    };
    const created = (await call('post', '/api/v1/appeals', { as: citizen.auth, body: appealBody })).body as { id: string; version: number };
    await call('post', '/api/v1/appeals', { as: citizen.auth, body: { ...appealBody, applicant: undefined } });
    await call('post', '/api/v1/appeals', { as: admin, body: appealBody });
    const byPost = (
      await call('post', '/api/v1/appeals', {
        as: registrar.auth,
        body: {
          ...appealBody,
          channel: 'post',
          applicant: { kind: 'natural', fullName: 'Həsənov Kamran Əli oğlu', address: 'Bakı, Nizami küçəsi 12' },
        },
      })
    ).body as { id: string; version: number };
    const onCase = { id: created.id };
    await call('get', '/api/v1/appeals', { as: registrar.auth, query: { limit: '10' } });
    await call('get', '/api/v1/appeals', { as: citizen.auth });
    await call('get', '/api/v1/appeals/counts', { as: registrar.auth });
    await call('get', '/api/v1/appeals/{id}', { as: citizen.auth, params: onCase });
    await call('get', '/api/v1/appeals/{id}', { as: registrar.auth, params: onCase });
    await call('get', '/api/v1/appeals/{id}', { as: supervisor.auth, params: { id: byPost.id } });
    await call('get', '/api/v1/appeals/{id}', { as: registrar.auth, params: { id: unknown } });
    await call('get', '/api/v1/appeals/{id}/events', { as: registrar.auth, params: onCase });
    await call('get', '/api/v1/appeals/{id}/access-log', { as: supervisor.auth, params: onCase });
    await call('get', '/api/v1/appeals/{id}/follow-up-candidates', { as: registrar.auth, params: onCase });
    // Issue 15's bulk actions: each case's outcome (an unknown id refused as not found), a role that may not, bad bodies, no token.
    const forBulk = (
      await call('post', '/api/v1/appeals', {
        as: registrar.auth,
        body: {
          ...appealBody,
          channel: 'post',
          applicant: { kind: 'natural', fullName: 'Quliyeva Nərgiz Əli qızı', address: 'Bakı, Xətai r., 7' },
        },
      })
    ).body as { id: string };
    const bulk = { appealIds: [forBulk.id, unknown] };
    expect(
      (await call('post', '/api/v1/appeals/bulk/assignment', { as: supervisor.auth, body: { ...bulk, executorId: official.id } })).status,
    ).toBe(200);
    await call('post', '/api/v1/appeals/bulk/assignment', { as: official.auth, body: { ...bulk, executorId: official.id } });
    await call('post', '/api/v1/appeals/bulk/assignment', {
      as: supervisor.auth,
      body: { appealIds: [unknown, unknown], executorId: official.id },
    });
    expect((await call('post', '/api/v1/appeals/bulk/referral', { as: official.auth, body: { ...bulk, toAgencyId: mia } })).status).toBe(
      200,
    );
    await call('post', '/api/v1/appeals/bulk/referral', { as: official.auth, body: { appealIds: [], toAgencyId: mia } });
    await call('post', '/api/v1/appeals/bulk/referral', { body: { ...bulk, toAgencyId: mia } });
    await call('post', '/api/v1/appeals/{id}/assignment', {
      as: supervisor.auth,
      params: onCase,
      body: { version: created.version + 5, executorId: official.id },
    });
    const assigned = (
      await call('post', '/api/v1/appeals/{id}/assignment', {
        as: supervisor.auth,
        params: onCase,
        body: { version: created.version, executorId: official.id },
      })
    ).body as { version: number };
    await call('post', '/api/v1/appeals/{id}/extension', {
      as: official.auth,
      params: onCase,
      body: { version: assigned.version, reason: 'Sənədlər gözlənilir.', workingDays: 99 },
    });
    const answered = (
      await call('post', '/api/v1/appeals/{id}/answer', {
        as: official.auth,
        params: onCase,
        body: {
          version: assigned.version,
          text: 'Müraciətinizə baxıldı, bəyannaməniz qəbul edildi və sistemdə qeydə alındı.',
          position: 'Şöbə müdiri',
        },
      })
    ).body as { version: number };
    expect(answered.version).toBeGreaterThan(assigned.version);
    await call('get', '/api/v1/appeals/{id}', { as: citizen.auth, params: onCase });
    await call('post', '/api/v1/appeals/{id}/feedback', {
      as: citizen.auth,
      params: onCase,
      body: { satisfied: true, comment: 'Təşəkkür edirəm.' },
    });
    await call('post', '/api/v1/appeals/{id}/withdrawal', { as: citizen.auth, params: { id: byPost.id } });
    await call('post', '/api/v1/appeals/{id}/referral', {
      as: registrar.auth,
      params: { id: byPost.id },
      body: { version: byPost.version, toAgencyId: mia, note: 'Səlahiyyət üzrə' },
    });
    await call('get', '/api/v1/admin/audit/chains', { as: admin });

    await call('get', '/api/v1/alerts', { as: supervisor.auth });
    await call('post', '/api/v1/appeals/{id}/control', { as: supervisor.auth, params: { id: unknown } });
    await call('get', '/api/v1/webhooks', { as: supervisor.auth });
    await call('post', '/api/v1/webhooks', {
      as: supervisor.auth,
      body: { url: 'https://203.0.113.10/hook', events: ['appeal.registered'], agencyId: mtax },
    });
    await call('get', '/api/v1/evaluation/e-services', { query: { agencyId: mtax } });
    await call('get', '/api/v1/evaluation/periods', { as: registrar.auth });
    await call('post', '/api/v1/evaluation/periods', {
      as: admin,
      body: { name: 'Müqavilə dövrü', startsOn: '2023-01-01', endsOn: '2023-06-30' },
    });
    await call('get', '/api/v1/evaluation/public/periods');
    await call('post', '/api/v1/evaluation/maturity', {
      body: { answers: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [String(i + 1), true])) },
    });
    await call('post', '/api/v1/admin/retention/run', { as: admin, body: { dryRun: true } });

    // One assertion, so a failing run lists every disagreement at once.
    if (findings.length > 0) console.log(JSON.stringify(findings, null, 2));
    expect(findings).toEqual([]);
    expect(driven.size).toBeGreaterThan(35);
  }, 180_000);

  let actorsInstance: Actors | undefined;
  function actors(): Actors {
    actorsInstance ??= new Actors(t);
    return actorsInstance;
  }
});
