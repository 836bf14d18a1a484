import { randomUUID } from 'node:crypto';
import { generateSync } from 'otplib';
import { Actors, TestUser } from '../support/actors';
import { ContractClient } from '../support/openapi-contract';
import { CONTRACT_OWNERS } from '../support/openapi-contract-owners';
import { loadSwaggerPluginMetadata } from '../support/openapi-metadata';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/**
 * Issue 14 "The OpenAPI document tells the whole truth", the accounts' operations: sign-up and
 * sign-in, the mailed one-time links (read from a real SMTP sink), the caller's own account and
 * second factor, and the admins' user management. Each owned operation answers a success and a
 * documented error, every answer checked against the document (test/support/openapi-contract.ts).
 */
describe('the OpenAPI document against real responses: accounts (e2e)', () => {
  const owned = CONTRACT_OWNERS.accounts;
  const smtp = new SmtpSink();
  let t: TestApp;
  let api: ContractClient;
  let actors: Actors;
  let admin: Record<string, string>;
  let mtax: string;

  beforeAll(async () => {
    await loadSwaggerPluginMetadata();
    await smtp.start();
    // Verification on, as in production: registration mails the link this suite opens.
    t = await startTestApp({ env: { SMTP_URL: smtp.url, AUTH_REQUIRE_EMAIL_VERIFICATION: 'true' } });
    api = await ContractClient.start(t);
    actors = new Actors(t);
    admin = await actors.admin();
    mtax = await actors.agencyId('MTAX');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  /** The token of the latest mail to `to` with a link to `path`. */
  async function mailedToken(to: string, path: string, after = 0): Promise<string> {
    const pattern = new RegExp(`http://portal\\.test${path}\\?token=([A-Za-z0-9_-]+)`);
    const matching = () => smtp.to(to).filter((m) => pattern.test(m.text));
    await smtp.waitFor(() => matching().length > after);
    return (pattern.exec(matching().at(-1)?.text ?? '') as RegExpExecArray)[1];
  }

  it('answers sign-up, sign-in, sign-out and the mailed links as documented', async () => {
    const email = `contract-${randomUUID()}@mail.test`;
    const password = 'contract-password-12';
    const registered = await api.call('post', '/api/v1/auth/register', {
      body: { email, password, fullName: 'Sınaq Vətəndaş' },
      expect: 201,
    });
    await api.call('post', '/api/v1/auth/register', { body: { email, password, fullName: 'Sınaq Vətəndaş' }, expect: 409 });
    await api.call('post', '/api/v1/auth/register', { body: { email: 'not-an-email', password: 'short', fullName: '' }, expect: 422 });
    await api.call('post', '/api/v1/auth/register', { raw: { contentType: 'application/json', data: '[1, 2' }, expect: 400 });
    expect((registered.body as { id: string }).id).toBeDefined();

    const login = await api.call('post', '/api/v1/auth/login', { body: { email, password }, expect: 200 });
    await api.call('post', '/api/v1/auth/login', { body: { email, password: 'wrong-password-123' }, expect: 401 });
    const auth = { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };

    // Registration mailed a verification link; asking again mails a new one (the first is then void).
    await mailedToken(email, '/verify-email');
    await api.call('post', '/api/v1/me/verify-email', { as: auth, expect: 202 });
    await api.call('post', '/api/v1/me/verify-email', { expect: 401 });
    const verification = await mailedToken(email, '/verify-email', 1);
    await api.call('post', '/api/v1/auth/verify-email', { body: { token: verification }, expect: 204 });
    await api.call('post', '/api/v1/auth/verify-email', { body: { token: verification }, expect: 422 });

    await api.call('post', '/api/v1/auth/password-reset', { body: { email }, expect: 202 });
    await api.call('post', '/api/v1/auth/password-reset', { body: { email: 'nobody' }, expect: 422 });
    const reset = await mailedToken(email, '/password-reset');
    await api.call('post', '/api/v1/auth/password-reset/confirm', { body: { token: reset, newPassword: 'iloveyouiloveyou' }, expect: 422 });
    await api.call('post', '/api/v1/auth/password-reset/confirm', {
      body: { token: reset, newPassword: 'reset-to-this-password' },
      expect: 204,
    });

    const again = await actors.login(email, 'reset-to-this-password');
    const session = { Authorization: `Bearer ${again}` };
    await api.call('post', '/api/v1/auth/logout', { as: session, expect: 204 });
    await api.call('post', '/api/v1/auth/logout', { as: session, expect: 401 });
    expect(api.takeFindings()).toEqual([]);
  }, 60_000);

  it("answers the caller's own account and second factor as documented", async () => {
    const citizen = await actors.citizen();
    await api.call('get', '/api/v1/me', { as: citizen.auth, expect: 200 });
    await api.call('get', '/api/v1/me', { expect: 401 });
    await api.call('post', '/api/v1/me/password', {
      as: citizen.auth,
      body: { currentPassword: 'not-my-password-1', newPassword: 'a-new-password-12' },
      expect: 422,
    });
    await api.call('post', '/api/v1/me/password', {
      as: citizen.auth,
      body: { currentPassword: citizen.password, newPassword: 'a-new-password-12' },
      expect: 204,
    });

    const official = await actors.staff('official', 'MTAX');
    const code = (secret: string, offsetSeconds = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
    await api.call('get', '/api/v1/me/totp', { as: official.auth, expect: 200 });
    await api.call('get', '/api/v1/me/totp', { expect: 401 });
    await api.call('post', '/api/v1/me/totp', { as: citizen.auth, expect: 403 });
    const enrolment = await api.call('post', '/api/v1/me/totp', { as: official.auth, expect: 201 });
    const secret = (enrolment.body as { secret: string }).secret;
    await api.call('post', '/api/v1/me/totp/confirm', { as: official.auth, body: { code: 'abcdef' }, expect: 422 });
    await api.call('post', '/api/v1/me/totp/confirm', { as: official.auth, body: { code: code(secret) }, expect: 204 });
    await api.call('post', '/api/v1/me/totp', { as: official.auth, expect: 409 });
    const valid = new Set([-30, 0, 30].map((offset) => code(secret, offset)));
    const wrong = ['000000', '111111', '222222'].find((c) => !valid.has(c)) as string;
    await api.call('post', '/api/v1/me/totp/disable', { as: official.auth, body: { code: wrong }, expect: 422 });
    // The confirming code is spent (no replay): the next one disables.
    await api.call('post', '/api/v1/me/totp/disable', { as: official.auth, body: { code: code(secret, 30) }, expect: 204 });
    expect(api.takeFindings()).toEqual([]);
  });

  it("answers the admins' user management as documented", async () => {
    const email = `official-${randomUUID()}@gov.test`;
    const body = { email, password: 'official-password-1', fullName: 'Test official', role: 'official', agencyId: mtax };
    const created = await api.call('post', '/api/v1/users', { as: admin, body, expect: 201 });
    await api.call('post', '/api/v1/users', { as: admin, body, expect: 409 });
    await api.call('post', '/api/v1/users', { as: admin, body: { ...body, email: `x-${email}`, agencyId: undefined }, expect: 422 });
    const id = (created.body as { id: string }).id;
    const token = await actors.login(email, body.password);
    const official: TestUser = { id, email, password: body.password, token, auth: { Authorization: `Bearer ${token}` } };

    await api.call('get', '/api/v1/users', { as: admin, query: { agencyId: mtax, role: 'official', limit: '2' }, expect: 200 });
    await api.call('get', '/api/v1/users', { as: admin, query: { cursor: 'not-a-cursor' }, expect: 400 });
    await api.call('get', '/api/v1/users', { as: admin, query: { limit: '1000' }, expect: 422 });
    await api.call('get', '/api/v1/users', { as: official.auth, expect: 403 });
    await api.call('get', '/api/v1/users/{id}', { as: admin, params: { id }, expect: 200 });
    await api.call('get', '/api/v1/users/{id}', { as: admin, params: { id: UNKNOWN }, expect: 404 });
    await api.call('patch', '/api/v1/users/{id}', { as: admin, params: { id }, body: { fullName: 'Test official renamed' }, expect: 200 });
    await api.call('patch', '/api/v1/users/{id}', { as: admin, params: { id: UNKNOWN }, body: { fullName: 'Nobody' }, expect: 404 });
    await api.call('patch', '/api/v1/users/{id}', { as: admin, params: { id }, body: { role: 'king' }, expect: 422 });
    await api.call('post', '/api/v1/users/{id}/password-reset', { as: admin, params: { id }, expect: 202 });
    await api.call('post', '/api/v1/users/{id}/password-reset', { as: admin, params: { id: UNKNOWN }, expect: 404 });
    await api.call('post', '/api/v1/users/{id}/totp-reset', { as: admin, params: { id }, expect: 204 });
    await api.call('post', '/api/v1/users/{id}/totp-reset', { as: official.auth, params: { id }, expect: 403 });
    expect(api.takeFindings()).toEqual([]);
  });

  it('drove every operation it owns to a documented success and error', () => {
    expect(api.uncovered(owned)).toEqual([]);
    expect(api.drivenOutside(owned)).toEqual([]);
  });
});
