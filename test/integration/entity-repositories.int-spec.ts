import { randomBytes, randomUUID } from 'node:crypto';
import { AgenciesRepository } from '../../src/agencies/agencies.repository';
import { AnswerTemplatesRepository } from '../../src/appeals/answer-templates.repository';
import { CatalogueRepository } from '../../src/evaluation/catalogue.repository';
import { CalendarFeedsRepository } from '../../src/feeds/calendar-feeds.repository';
import { Db } from '../../src/platform/database/db';
import { SessionsRepository } from '../../src/users/sessions.repository';
import { UserIdentitiesRepository } from '../../src/users/user-identities.repository';
import { UserTokensRepository } from '../../src/users/user-tokens.repository';
import { UserRecord, UsersRepository } from '../../src/users/users.repository';
import { WebhooksRepository } from '../../src/webhooks/webhooks.repository';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The edge cases of the repositories that moved to entities (ADR 0002), through the real
 * repositories on the real database: a taken key answers "nothing" without aborting the
 * transaction, compare-and-set writes change a row once, fields left out keep their value. Each
 * case makes its own agency and users, so the shared database's other rows do not matter.
 */
describe('repositories on entities keep their behaviour (ADR 0002)', () => {
  let t: TestApp;
  let db: Db;
  let agencyId: string;
  const unique = () => randomUUID().slice(0, 8);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(Db);
    const agency = await db.transaction((tx) =>
      t.app.get(AgenciesRepository).insert(tx, { code: `ER-${unique()}`, name: 'Repository test agency', nameEn: null, parentId: null }),
    );
    agencyId = agency!.id;
  });
  afterAll(async () => t.close());

  async function newUser(role: 'citizen' | 'official' = 'official'): Promise<UserRecord> {
    const user = await t.app.get(UsersRepository).insert(db, {
      email: `er-${unique()}@gov.test`,
      fullName: 'Repository Test',
      role,
      agencyId: role === 'citizen' ? null : agencyId,
      passwordHash: 'not-a-real-hash',
      emailVerified: false,
    });
    return user!;
  }

  it('agencies: a taken code answers null and the transaction goes on', async () => {
    const agencies = t.app.get(AgenciesRepository);
    const code = `ER-${unique()}`;
    const result = await db.transaction(async (tx) => {
      const first = await agencies.insert(tx, { code, name: 'First', nameEn: 'First', parentId: agencyId });
      const second = await agencies.insert(tx, { code, name: 'Second', nameEn: null, parentId: null });
      return { first, second };
    });
    expect(result.first).toEqual({ id: expect.any(String), code, name: 'First', nameEn: 'First', parentId: agencyId });
    expect(result.second).toBeNull();
    expect((await agencies.listAll()).find((a) => a.code === code)).toEqual(result.first);
  });

  it('e-services: insert once per registry number, update only what is given, list in registry order', async () => {
    const catalogue = t.app.get(CatalogueRepository);
    const base = `${100 + Math.floor(Math.random() * 800)}.${Math.floor(Math.random() * 900)}`;
    const [b14, b6] = await db.transaction(async (tx) => [
      await catalogue.insert(tx, { registryNumber: `${base}.14`, name: 'Fourteen', nameEn: 'Fourteen', agencyId }),
      await catalogue.insert(tx, { registryNumber: `${base}.6`, name: 'Six', nameEn: null, agencyId }),
    ]);
    expect(b14).toEqual({
      id: expect.any(String),
      registryNumber: `${base}.14`,
      name: 'Fourteen',
      nameEn: 'Fourteen',
      agencyId,
      active: true,
    });
    expect(
      await db.transaction((tx) => catalogue.insert(tx, { registryNumber: `${base}.6`, name: 'Again', nameEn: null, agencyId })),
    ).toBeUndefined();

    const updated = await db.transaction((tx) => catalogue.update(tx, b14!.id, { nameEn: null, active: false }));
    expect(updated).toEqual({ ...b14, nameEn: null, active: false });
    expect(await db.transaction((tx) => catalogue.update(tx, randomUUID(), { name: 'Nobody' }))).toBeUndefined();

    const mine = await catalogue.list({ agencyIds: [agencyId] });
    expect(mine.map((s) => s.registryNumber).filter((n) => n.startsWith(`${base}.`))).toEqual([`${base}.6`, `${base}.14`]);
    expect((await catalogue.list({ agencyIds: [agencyId], activeOnly: true })).map((s) => s.id)).not.toContain(b14!.id);
    expect(await catalogue.list({ agencyIds: [] })).toEqual([]);
    expect(await catalogue.findById(b6!.id)).toEqual(b6);
  });

  it('answer templates: one title per agency, a rename onto a taken title is refused, delete once', async () => {
    const templates = t.app.get(AnswerTemplatesRepository);
    const body = 'Hörmətli {applicantName}, cavab mətni.';
    const [a, b] = await db.transaction(async (tx) => [
      await templates.insert(tx, { agencyId, title: 'Alpha', body }),
      await templates.insert(tx, { agencyId, title: 'Beta', body }),
    ]);
    expect(a).toEqual({ id: expect.any(String), agencyId, title: 'Alpha', body, updatedAt: expect.any(Date) });
    expect(await db.transaction((tx) => templates.insert(tx, { agencyId, title: 'Alpha', body }))).toBeUndefined();
    expect(await db.transaction((tx) => templates.update(tx, b!.id, { title: 'Alpha', body }))).toBeUndefined();
    expect((await templates.list(agencyId, 10)).map((row) => row.title)).toEqual(['Alpha', 'Beta']);
    expect(await templates.list(agencyId, 1)).toHaveLength(1);
    expect(await templates.find(a!.id)).toEqual(a);
    expect(await db.transaction((tx) => templates.delete(tx, a!.id))).toBe(true);
    expect(await db.transaction((tx) => templates.delete(tx, a!.id))).toBe(false);
    expect(await templates.find(a!.id)).toBeUndefined();
  });

  it('users: a taken e-mail answers undefined; changes keep what is left out; compare-and-set writes happen once', async () => {
    const users = t.app.get(UsersRepository);
    const user = await newUser();
    expect(user).toMatchObject({ role: 'official', agencyId, active: true, emailVerified: false, totpEnabled: false });
    expect(
      await users.insert(db, {
        email: user.email,
        fullName: 'Dup',
        role: 'citizen',
        agencyId: null,
        passwordHash: 'x',
        emailVerified: true,
      }),
    ).toBeUndefined();

    const changed = await db.transaction((tx) => users.update(tx, user.id, { fullName: 'Renamed' }));
    expect(changed).toEqual({ ...user, fullName: 'Renamed' });
    expect(await db.transaction((tx) => users.markEmailVerified(tx, user.id))).toBe(true);
    expect(await db.transaction((tx) => users.markEmailVerified(tx, user.id))).toBe(false);

    const other = await newUser();
    const locked = await db.transaction((tx) => users.lockByIds(tx, [other.id, user.id]));
    expect(locked.map((row) => row.id)).toEqual([other.id, user.id].sort());
    expect((await users.listStaffOfAgencies([agencyId], ['official'])).map((row) => row.email)).toEqual([user.email, other.email].sort());

    expect(await db.transaction((tx) => users.clearTotp(tx, user.id))).toBe(false);
    await db.transaction((tx) => users.setPendingTotp(tx, user.id, Buffer.from('sealed')));
    expect(await users.totpOf(db, user.id)).toEqual({ secret: Buffer.from('sealed'), enabled: false, lastStep: null });
    await db.transaction((tx) => users.enableTotp(tx, user.id, 59_000_000));
    expect(await db.transaction((tx) => users.totpOf(tx, user.id, true))).toEqual({
      secret: Buffer.from('sealed'),
      enabled: true,
      lastStep: 59_000_000,
    });
    expect(await users.useTotpStep(user.id, 59_000_000)).toBe(false);
    expect(await users.useTotpStep(user.id, 59_000_001)).toBe(true);
    expect(await db.transaction((tx) => users.clearTotp(tx, user.id))).toBe(true);
    expect((await users.findById(user.id))?.totpEnabled).toBe(false);
  });

  it('sessions and tokens: ended once, all but the kept one; a token is consumed once', async () => {
    const sessions = t.app.get(SessionsRepository);
    const user = await newUser();
    const [s1, s2, s3] = await db.transaction(async (tx) => [
      await sessions.start(tx, user.id, 3600),
      await sessions.start(tx, user.id, 3600),
      await sessions.start(tx, user.id, 3600),
    ]);
    expect(await sessions.findOpen(s1, user.id)).toMatchObject({ userId: user.id, role: 'official' });
    expect(await db.transaction((tx) => sessions.end(tx, s1, user.id, 'logout'))).toBe(true);
    expect(await db.transaction((tx) => sessions.end(tx, s1, user.id, 'logout'))).toBe(false);
    expect(await db.transaction((tx) => sessions.endAll(tx, user.id, 'password_changed', s3))).toBe(1);
    expect(await sessions.findOpen(s2, user.id)).toBeUndefined();
    expect(await sessions.findOpen(s3, user.id)).toBeDefined();

    const tokens = t.app.get(UserTokensRepository);
    const hash = randomBytes(32);
    const id = randomUUID();
    await db.transaction((tx) => tokens.insert(tx, { id, userId: user.id, purpose: 'verify_email', hash, ttlSeconds: 600 }));
    expect(await tokens.findUsable(hash, 'verify_email')).toEqual({
      id,
      userId: user.id,
      purpose: 'verify_email',
      expiresAt: expect.any(Date),
      usedAt: null,
    });
    expect(await tokens.findUsable(hash, 'password_reset')).toBeUndefined();
    // A newer token of the same purpose voids the older one.
    const newer = randomBytes(32);
    await db.transaction((tx) =>
      tokens.insert(tx, { id: randomUUID(), userId: user.id, purpose: 'verify_email', hash: newer, ttlSeconds: 600 }),
    );
    expect(await tokens.findUsable(hash, 'verify_email')).toBeUndefined();
    const fresh = (await tokens.findUsable(newer, 'verify_email'))!;
    expect(await db.transaction((tx) => tokens.consume(tx, fresh.id))).toBe(true);
    expect(await db.transaction((tx) => tokens.consume(tx, fresh.id))).toBe(false);
    expect((await tokens.findById(fresh.id))?.usedAt).toBeInstanceOf(Date);
  });

  it('identities, feeds and webhook subscriptions', async () => {
    const user = await newUser('citizen');
    const identities = t.app.get(UserIdentitiesRepository);
    const issuer = `https://idp.test/${unique()}`;
    await db.transaction(async (tx) => {
      await identities.link(tx, user.id, issuer, 'subject-1');
      await identities.link(tx, user.id, `${issuer}/other`, 'subject-1');
    });
    expect(await identities.findUserId(db, issuer, 'subject-1')).toBe(user.id);
    expect(await identities.countOf(db, user.id)).toBe(2);
    expect((await db.transaction((tx) => identities.unlinkAll(tx, user.id))).sort()).toEqual([issuer, `${issuer}/other`]);
    expect(await identities.findUserId(db, issuer, 'subject-1')).toBeUndefined();

    const feeds = t.app.get(CalendarFeedsRepository);
    const [first, second] = [randomBytes(32).toString('hex'), randomBytes(32).toString('hex')];
    await db.transaction((tx) => feeds.replace(tx, user.id, first));
    await db.transaction((tx) => feeds.replace(tx, user.id, second));
    expect(await feeds.findByHash(first)).toEqual({ userId: user.id, revoked: true });
    expect(await feeds.findByHash(second)).toEqual({ userId: user.id, revoked: false });
    expect(await db.transaction((tx) => feeds.revokeAll(tx, user.id))).toBe(1);
    expect(await feeds.findByHash('0'.repeat(64))).toBeUndefined();

    const webhooks = t.app.get(WebhooksRepository);
    const admin = await newUser();
    const subscription = await db.transaction((tx) =>
      webhooks.insert(tx, {
        url: 'https://hooks.test/x',
        events: ['appeal.registered'],
        agencyId,
        secret: 's'.repeat(32),
        createdBy: admin.id,
      }),
    );
    expect(subscription).toEqual({
      id: expect.any(String),
      url: 'https://hooks.test/x',
      events: ['appeal.registered'],
      agencyId,
      createdBy: admin.id,
      createdAt: expect.any(Date),
    });
    expect(await webhooks.findLive(subscription.id)).toEqual(subscription);
    expect((await webhooks.listLive([agencyId])).map((row) => row.id)).toEqual([subscription.id]);
    expect(await db.transaction((tx) => webhooks.markDeleted(tx, subscription.id, admin.id))).toBe(true);
    expect(await db.transaction((tx) => webhooks.markDeleted(tx, subscription.id, admin.id))).toBe(false);
    expect(await webhooks.findLive(subscription.id)).toBeUndefined();
    expect(await webhooks.listLive([agencyId])).toEqual([]);
  });
});
