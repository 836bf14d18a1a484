import { FixedClock } from '../../src/platform/clock/clock';
import { FLAT } from '../../src/platform/i18n/translator';
import { Lang, LANGS } from '../../src/platform/i18n';
import { Actors, TestUser } from '../support/actors';
import { paperAppeal } from '../support/paper-appeal';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

/** An agency no other suite writes to: its cases, templates and e-services are this suite's alone. */
const AGENCY = 'COPYRIGHT';
const OTHER_AGENCY = 'SCUPA';
/** The catalogue sections the staff and admin pages speak from. */
const SECTIONS = ['admin', 'evaluationAdmin', 'officeCase', 'caseActions', 'answerTemplates'];
const CYRILLIC = /[\u0400-\u04FF]/;

/**
 * What a person reads on the page, without what is data rather than the page's own words: the
 * options and lists of agencies, table bodies, typed text, and anything marked as in another
 * language (`lang="az"` on a Russian page: the methodology's official wording, the answer).
 */
function pageWords(page: string, lang: Lang): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(page)?.[1] ?? '';
  return main
    .replace(/<(select|textarea|tbody|details|script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<ul class="periods">[\s\S]*?<\/ul>/g, ' ')
    .replace(new RegExp(`<(\\w+)[^>]*\\blang="(?!${lang}")[a-z]+"[^>]*>[\\s\\S]*?</\\1>`, 'g'), ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
}

/**
 * The texts of these sections in `other` that differ from `lang`'s text of the same key, long
 * enough to be a phrase (a placeholder splits a text; its longest fixed part is looked for).
 */
function foreignTexts(lang: Lang, other: Lang): string[] {
  const texts: string[] = [];
  for (const [key, entry] of FLAT[other]) {
    if (!SECTIONS.includes(key.split('.')[0])) continue;
    const own = FLAT[lang].get(key);
    for (const [form, text] of Object.entries(typeof entry === 'string' ? { text: entry } : entry)) {
      const ownText = typeof own === 'string' ? own : (own as Record<string, string> | undefined)?.[form];
      if (text === ownText) continue;
      const part = text
        .split(/\{\w+\}/)
        .map((p) => p.trim())
        .sort((a, b) => b.length - a.length)[0];
      // A phrase, not a lone word: a single word may be the same in a status or role name that other catalogue sections say.
      if (part && (part.length >= 12 || (part.length >= 8 && part.includes(' ')))) texts.push(part);
    }
  }
  return texts;
}

jest.setTimeout(180_000);

/**
 * Issue 15, the staff and admin pages in three languages: each page has its language's `lang`,
 * says nothing in another language (no Cyrillic on Azerbaijani and English pages, Russian on the
 * Russian ones, none of the other catalogues' phrases) and never a raw message key; and the roles
 * hold: citizens and other staff are refused the admin pages, staff of another agency never see
 * the case.
 */
describe('staff and admin pages in az, ru and en', () => {
  const clock = new FixedClock(new Date('2026-12-02T10:00:00+04:00'));
  let t: TestApp;
  let actors: Actors;
  let registrar: TestUser;
  let official: TestUser;
  let supervisor: TestUser;
  let stranger: TestUser;
  let citizen: TestUser;
  const paths: Record<'admin' | 'office' | 'case', string[]> = { admin: [], office: [], case: [] };

  async function client(user: { email: string; password: string }): Promise<WebClient> {
    const web = new WebClient(t);
    await web.signIn(user.email, user.password);
    return web;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    actors = new Actors(t);
    [registrar, official, supervisor, stranger, citizen] = await Promise.all([
      actors.staff('registrar', AGENCY),
      actors.staff('official', AGENCY),
      actors.staff('supervisor', AGENCY),
      actors.staff('official', OTHER_AGENCY),
      actors.citizen(),
    ]);
    const agencyId = await actors.agencyId(AGENCY);
    const admin = await actors.admin();

    // An open case assigned to the official, and an answered one (the answer, its channel and date).
    const open = await paperAppeal(t, registrar, agencyId, '2026-12-01');
    await t.http
      .post(`/api/v1/appeals/${open.id}/assignment`)
      .set(registrar.auth)
      .send({ executorId: official.id, version: open.version })
      .expect(200);
    const answered = await paperAppeal(t, registrar, agencyId, '2026-11-20');
    await t.http
      .post(`/api/v1/appeals/${answered.id}/answer`)
      .set(official.auth)
      .send({
        text: 'Hörmətli vətəndaş, müraciətinizə baxılmış və sənədlər hazırlanmışdır.',
        position: 'Baş mütəxəssis',
        version: answered.version,
      })
      .expect(200);

    const eService = (
      await t.http
        .post('/api/v1/evaluation/e-services')
        .set(admin)
        .send({ registryNumber: '98.7.1', name: 'Copyright test service', agencyId })
        .expect(201)
    ).body as { id: string };
    const period = (
      await t.http
        .post('/api/v1/evaluation/periods')
        .set(admin)
        .send({ name: '2023 languages', startsOn: '2023-01-01', endsOn: '2023-03-31' })
        .expect(201)
    ).body as { id: string };
    const web = await client(ADMIN);
    await web.get('/admin/answer-templates');
    const template = await web.post('/admin/answer-templates', {
      agencyId,
      title: 'Copyright answer',
      body: 'Dear {applicantName}, {registrationNumber}.',
    });
    expect(template.status).toBe(303);
    const templateId = /href="\/admin\/answer-templates\/([0-9a-f-]{36})"/.exec(
      (await web.get(template.headers.location as string)).text,
    )?.[1];
    expect(templateId).toBeDefined();

    paths.admin = [
      '/admin',
      `/admin/users?q=${encodeURIComponent(official.email)}`,
      `/admin/users/${official.id}`,
      `/admin/evaluation?agencyId=${agencyId}`,
      `/admin/evaluation/e-services/${eService.id}`,
      `/admin/evaluation/periods/${period.id}`,
      `/admin/evaluation/periods/${period.id}/publish`,
      `/admin/answer-templates?agencyId=${agencyId}`,
      `/admin/answer-templates/${templateId}`,
    ];
    paths.office = ['/office'];
    paths.case = [`/office/appeals/${open.id}`, `/office/appeals/${answered.id}`];
  }, 180_000);
  afterAll(() => t.close());

  /** Opens each page in each language and holds it to the language's words. */
  async function checkLanguages(user: { email: string; password: string }, list: readonly string[]): Promise<void> {
    const web = await client(user);
    for (const lang of LANGS) {
      for (const path of list) {
        const response = await web.get(`/lang/${lang}?back=${encodeURIComponent(path)}`);
        expect(response.status).toBe(303);
        const page = await web.get(path);
        const where = `${lang} ${path}`;
        expect({ where, status: page.status }).toEqual({ where, status: 200 });
        expect({ where, lang: /<html lang="([a-z]+)">/.exec(page.text)?.[1] }).toEqual({ where, lang });
        const words = pageWords(page.text, lang);
        expect({ where, cyrillic: CYRILLIC.test(words) }).toEqual({ where, cyrillic: lang === 'ru' });
        for (const other of LANGS.filter((l) => l !== lang)) {
          const found = foreignTexts(lang, other).filter((text) => words.includes(text));
          expect({ where, other, found }).toEqual({ where, other, found: [] });
        }
        const rawKeys = words.match(/\b(?:admin|evaluationAdmin|officeCase|caseActions|answerTemplates|attachments|history)\.[a-zA-Z_]+/g);
        expect({ where, rawKeys }).toEqual({ where, rawKeys: null });
      }
    }
  }

  it('the admin pages speak the chosen language', async () => {
    await checkLanguages(ADMIN, paths.admin);
  });

  it.each([
    ['registrar', () => registrar],
    ['official', () => official],
    ['supervisor', () => supervisor],
  ])('the inbox and the case pages speak the chosen language to a %s', async (_, user) => {
    await checkLanguages(user(), [...paths.office, ...paths.case]);
  });

  it('refuses the admin pages to citizens and staff (403), the inbox to citizens, and hides the case from another agency (404)', async () => {
    const asCitizen = await client(citizen);
    const asStaff = await client(official);
    const asStranger = await client(stranger);
    for (const path of paths.admin) {
      expect({ path, citizen: (await asCitizen.get(path)).status }).toEqual({ path, citizen: 403 });
      expect({ path, official: (await asStaff.get(path)).status }).toEqual({ path, official: 403 });
    }
    for (const path of [...paths.office, ...paths.case])
      expect({ path, citizen: (await asCitizen.get(path)).status }).toEqual({ path, citizen: 403 });
    for (const path of paths.case) expect({ path, stranger: (await asStranger.get(path)).status }).toEqual({ path, stranger: 404 });
    // The refusal page is in the viewer's language too.
    await asCitizen.get('/lang/ru?back=/admin');
    const refused = await asCitizen.get('/admin');
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/<html lang="ru">/);
    // A form of an admin page is refused before it is read, whatever it carries.
    await asStaff.get('/office');
    expect((await asStaff.post('/admin/agencies', { code: 'X-1', name: 'Nope agency' })).status).toBe(403);
    expect(
      (await asStaff.post(`/admin/users/${official.id}`, { fullName: 'Nope', role: 'admin', agencyId: '', active: 'true' })).status,
    ).toBe(403);
  });
});
