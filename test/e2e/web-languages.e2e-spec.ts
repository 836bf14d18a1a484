import { LANGS, Lang, MAIL_PART_SEPARATOR, translator } from '../../src/platform/i18n';
import { Actors, TestUser } from '../support/actors';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { WebClient, WebResponse } from '../support/web-client';

jest.setTimeout(60_000);

const CYRILLIC = /[\u0400-\u04FF]/;
/** A catalogue key left in a page instead of its text (the sections these pages read). */
const RAW_KEY = /(?<![\w@./-])(?:common|layout|errors|auth|publicPages|account|mail|status|type|role|colour|ground)\.[a-zA-Z]/;

/** What a reader sees: the page's text without tags, scripts and the language switch (each language names itself there). */
function visibleText(html: string): string {
  return html
    .replace(/<nav class="langs"[\s\S]*?<\/nav>/, ' ')
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');
}

/**
 * Issue 15, "Languages": every page of accounts, sign-in, the public pages and the error page is
 * whole in Azerbaijani, Russian and English (lang set, no words of another language, no raw keys,
 * Russian reachable from every page), and every mail has the three parts, read from a real SMTP server.
 */
describe('pages and mails in Azerbaijani, Russian and English (e2e)', () => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let actors: Actors;
  let mtax: string;
  let citizen: TestUser;
  let registrar: TestUser;
  let official: TestUser;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
    actors = new Actors(t);
    mtax = await actors.agencyId('MTAX');
    citizen = await actors.citizen('Əliyev Vüqar Rəşid oğlu');
    registrar = await actors.staff('registrar', 'MTAX');
    official = await actors.staff('official', 'MTAX');
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** A browser in `lang`, signed in as `who` (or signed out). */
  async function browser(lang: Lang, who?: { email: string; password: string }): Promise<WebClient> {
    const web = new WebClient(t);
    if (who) await web.signIn(who.email, who.password);
    const switched = await web.get(`/lang/${lang}?back=/`);
    expect(switched.status).toBe(303);
    return web;
  }

  function expectWholeIn(lang: Lang, page: WebResponse, path: string): void {
    const where = `${path} in ${lang}`;
    expect({ where, lang: /<html lang="(\w+)"/.exec(page.text)?.[1] }).toEqual({ where, lang });
    const text = visibleText(page.text);
    expect({ where, rawKey: RAW_KEY.exec(text)?.[0] ?? null }).toEqual({ where, rawKey: null });
    expect({ where, cyrillic: CYRILLIC.test(text) }).toEqual({ where, cyrillic: lang === 'ru' });
    // The layout's own words are this language's, and not another's.
    for (const other of LANGS) {
      const skip = translator(other).t('layout.skip');
      expect({ where, other, has: text.includes(skip) }).toEqual({ where, other, has: other === lang });
    }
    // Russian (and every other language) can be chosen from every page.
    for (const other of LANGS.filter((l) => l !== lang)) expect(page.text).toContain(`href="/lang/${other}?back=`);
  }

  it('shows every public page, sign-in and the link pages whole in each language, signed out', async () => {
    const paths = [
      '/',
      '/agencies',
      `/agencies/${mtax}`,
      '/login',
      '/register',
      '/password-reset',
      `/password-reset?token=${'a'.repeat(40)}`,
      `/verify-email?token=${'b'.repeat(40)}`,
      '/verify-email?token=bad',
    ];
    for (const lang of LANGS) {
      const web = await browser(lang);
      for (const path of paths) {
        const page = await web.get(path);
        expect({ path, status: page.status }).toEqual({ path, status: 200 });
        expectWholeIn(lang, page, path);
      }
    }
  });

  it('shows the account page whole in each language to a citizen, an official and an admin', async () => {
    for (const who of [citizen, official, ADMIN]) {
      for (const lang of LANGS) {
        const page = await (await browser(lang, who)).get('/account');
        expect(page.status).toBe(200);
        expectWholeIn(lang, page, `/account as ${who.email}`);
      }
    }
  });

  it('says errors in the page language: the error page, a refused sign-in, a weak password', async () => {
    for (const lang of LANGS) {
      const tr = translator(lang);
      const web = await browser(lang);
      // A browser asks for HTML; the error page answers in the language of the cookie.
      const missing = await t.http.get('/no/such/page').set('accept', 'text/html').set('cookie', `em_lang=${lang}`);
      expect(missing.status).toBe(404);
      expectWholeIn(lang, missing, '/no/such/page');
      expect(missing.text).toContain(tr.t('errors.notFound'));

      await web.get('/login');
      const refused = await web.post('/login', { email: citizen.email, password: 'wrong-password-123' });
      expect(refused.status).toBe(401);
      expectWholeIn(lang, refused, 'POST /login');
      expect(refused.text).toContain(tr.t('errors.codes.INVALID_CREDENTIALS'));

      await web.get('/register');
      const weak = await web.post('/register', { fullName: 'Quliyev Orxan', email: `weak-${lang}@mail.test`, password: 'short' });
      expect(weak.status).toBe(422);
      expectWholeIn(lang, weak, 'POST /register');
      expect(weak.text).toContain(tr.t('errors.validation.minLength', { min: 12 }));
    }
  });

  it('keeps the chosen language across pages and back to where the switch was used', async () => {
    const web = new WebClient(t);
    const switched = await web.get('/lang/ru?back=%2Fagencies');
    expect(switched.headers.location).toBe('/agencies');
    const page = await web.get('/agencies');
    expect(page.text).toContain('<html lang="ru"');
    expect(page.text).toContain('<span aria-current="true" lang="ru">Русский</span>');
    expect(page.text).toContain('href="/lang/az?back=%2Fagencies" lang="az" hreflang="az">Azərbaycanca</a>');
    expect((await web.get('/login')).text).toContain(translator('ru').t('auth.forgot'));
    // An unknown language is the state language.
    await web.get('/lang/xx?back=/');
    expect((await web.get('/')).text).toContain('<html lang="az"');
  });

  describe('mails', () => {
    /** The mail's three parts: Azerbaijani, Russian, English; each with the given facts, none with a raw key. */
    function expectThreeParts(mail: { subject: string; text: string }, facts: string[]): void {
      const parts = mail.text.split(MAIL_PART_SEPARATOR);
      expect(parts).toHaveLength(3);
      const [az, ru, en] = parts;
      expect(CYRILLIC.test(az)).toBe(false);
      expect(CYRILLIC.test(ru)).toBe(true);
      expect(CYRILLIC.test(en)).toBe(false);
      expect(mail.text).not.toMatch(RAW_KEY);
      for (const part of parts) for (const fact of facts) expect(part).toContain(fact);
      const subjects = mail.subject.split(' / ');
      expect(subjects).toHaveLength(3);
      expect(CYRILLIC.test(subjects[0])).toBe(false);
      expect(CYRILLIC.test(subjects[1])).toBe(true);
      expect(CYRILLIC.test(subjects[2])).toBe(false);
    }

    const latest = async (to: string, match: (text: string) => boolean) => {
      await smtp.waitFor(() => smtp.to(to).some((m) => match(m.text)));
      return smtp
        .to(to)
        .filter((m) => match(m.text))
        .at(-1) as { subject: string; text: string };
    };

    it('sends the account mails (verification, password reset) in three parts', async () => {
      // The link again, from the account page (registration mails it only where verification is required).
      const own = await browser('az', citizen);
      await own.get('/account');
      expect((await own.post('/account/verify-email', {})).status).toBe(303);
      const verify = await latest(citizen.email, (text) => text.includes('/verify-email?token='));
      expectThreeParts(verify, ['Əliyev Vüqar Rəşid oğlu', 'http://portal.test/verify-email?token=']);

      const web = await browser('ru');
      await web.get('/password-reset');
      expect((await web.post('/password-reset', { email: citizen.email })).status).toBe(202);
      const reset = await latest(citizen.email, (text) => text.includes('/password-reset?token='));
      expectThreeParts(reset, ['Əliyev Vüqar Rəşid oğlu', 'http://portal.test/password-reset?token=']);
    });

    it('sends the registration, the notices of a term change and the answer in three parts with the same facts', async () => {
      const appeal = (
        await t.http
          .post('/api/v1/appeals')
          .set(citizen.auth)
          .send({
            type: 'complaint',
            agencyId: mtax,
            subject: 'Bəyannamə qəbul edilmir',
            text: 'Elektron bəyannaməm üç həftədir qəbul edilmir və heç bir cavab verilmir.',
            applicant: { kind: 'natural', fullName: 'Əliyev Vüqar', address: 'Bakı', email: citizen.email },
          })
          .expect(201)
      ).body as { id: string; registrationNumber: string; version: number; reviewDueDate: string };
      const link = `http://portal.test/my/appeals/${appeal.id}`;
      const ofAppeal = (text: string) => text.includes(appeal.registrationNumber);

      const registered = await latest(citizen.email, (text) => ofAppeal(text) && text.includes('qeydə alınmışdır'));
      expectThreeParts(registered, [appeal.registrationNumber, appeal.reviewDueDate, link]);

      const assigned = (
        await t.http
          .post(`/api/v1/appeals/${appeal.id}/assignment`)
          .set(registrar.auth)
          .send({ executorId: official.id, version: appeal.version })
          .expect(200)
      ).body as { version: number };
      const studied = (
        await t.http
          .post(`/api/v1/appeals/${appeal.id}/additional-study`)
          .set(official.auth)
          .send({ reason: 'Vergi orqanından məlumat sorğulanır', version: assigned.version })
          .expect(200)
      ).body as { version: number; reviewDueDate: string };
      const study = await latest(citizen.email, (text) => ofAppeal(text) && text.includes('əlavə öyrənmə'));
      expectThreeParts(study, [appeal.registrationNumber, studied.reviewDueDate, 'Vergi orqanından məlumat sorğulanır', link]);

      await t.http
        .post(`/api/v1/appeals/${appeal.id}/answer`)
        .set(official.auth)
        .send({
          text: 'Hörmətli müraciətçi, şikayətiniz araşdırılmış və bəyannamənin qəbulu ilə bağlı texniki xəta aradan qaldırılmışdır.',
          position: 'Baş məsləhətçi',
          version: studied.version,
        })
        .expect(200);
      const answer = await latest(citizen.email, (text) => ofAppeal(text) && text.includes('texniki xəta'));
      expectThreeParts(answer, [appeal.registrationNumber, 'Baş məsləhətçi', link]);
    });
  });
});
