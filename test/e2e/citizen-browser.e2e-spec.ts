import { execFileSync } from 'node:child_process';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { FixedClock } from '../../src/platform/clock/clock';
import { formatDate, Lang } from '../../src/platform/i18n';
import { Actors, TestUser } from '../support/actors';
import { axeViolations, launchBrowser, pageProblems, screenshot, signInPage } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

// axe-core takes seconds a page on a busy 2-core machine: seven pages a language and width.
jest.setTimeout(300_000);

const SUBJECT = 'Əhalinin şikayəti: İçərişəhərdə ağacların kəsilməsi';
const TEXT = 'Məhəlləmizdə ağaclar icazəsiz kəsilir; xahiş edirəm yoxlanılsın və görülən işlər barədə məlumat verilsin.';
const ANSWER = 'Hörmətli vətəndaş, müraciətinizə baxılmışdır. Ağacların kəsilməsi dayandırılıb, günahkar şəxslər barədə tədbir görülür.';

/** What each language's pages say at the steps the test waits for. */
const WORDS: Record<Lang, { review: string; registered: string; current: string; restDays: string }> = {
  az: { review: 'Məlumatları yoxlayın', registered: 'Müraciətiniz qeydə alındı', current: 'hazırkı mərhələ', restDays: '8 istirahət günü' },
  ru: { review: 'Проверьте данные', registered: 'Ваше обращение зарегистрировано', current: 'текущий этап', restDays: '8 выходных дней' },
  en: { review: 'Check your answers', registered: 'Your appeal is registered', current: 'current step', restDays: '8 rest days' },
};

/**
 * Issue 15, the citizen's whole way in headless Chromium, in each language at 1280 and 375 px:
 * the form, its errors, "check your answers" with a change, the confirmation with its PDF, the
 * case page (timeline, ledger) before and after the answer, the list. axe-core (WCAG 2.2 AA) finds
 * nothing on any of them; screenshots go to test-output/screenshots.
 */
describe('citizen flow in a browser', () => {
  // The worked example's receipt day (working-days-az.md): the ledger counts 8 rest days.
  const clock = new FixedClock(new Date('2026-03-02T10:00:00+04:00'));
  let t: TestApp;
  let actors: Actors;
  let browser: Browser;
  let base: string;
  let official: TestUser;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp({ clock }), launchBrowser()]);
    actors = new Actors(t);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    official = await actors.staff('official', 'MENR');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Every page of the flow: no basic problem, no axe violation, a screenshot. */
  async function check(page: Page, shot: string): Promise<void> {
    await page.waitForLoadState('domcontentloaded');
    expect(await pageProblems(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, shot);
  }

  async function signIn(context: BrowserContext, user: TestUser): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      // A form shown again with its errors answers 422 on purpose; anything else (CSP, script error, 404) counts.
      if (message.type() === 'error' && !/status of 422/.test(message.text())) consoleErrors.push(message.text());
    });
    await signInPage(page, base, user);
    return page;
  }

  async function submitAndWait(page: Page, selector: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  }

  for (const lang of ['az', 'ru', 'en'] as const) {
    for (const width of [1280, 375]) {
      it(`${lang}, ${width} px: form, errors, check your answers, confirmation with PDF, case page and list, 0 axe violations`, async () => {
        const name = `${lang}-${width}`;
        const words = WORDS[lang];
        const citizen = await actors.citizen('Məmmədova Gülşən Əli qızı');
        const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
        await context.addCookies([{ name: 'em_lang', value: lang, url: base }]);
        const page = await signIn(context, citizen);

        await page.goto(`${base}/appeals/new`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await check(page, `citizen-new-${name}`);
        // The confidential checkbox is a 24 px target beside its label (WCAG 2.5.8).
        const box = await page.locator('#appeal-confidential').boundingBox();
        expect(box!.width).toBeGreaterThanOrEqual(24);
        expect(box!.height).toBeGreaterThanOrEqual(24);

        // Nothing chosen: the form comes back with the errors next to the fields.
        await page.fill('#appeal-subject', 'ab');
        await submitAndWait(page, 'main form button[type=submit]');
        expect(await page.isVisible('.error[data-field="type"]')).toBe(true);
        expect(await page.isVisible('.error[data-field="subject"]')).toBe(true);
        expect(await page.getAttribute('#appeal-subject', 'aria-invalid')).toBe('true');
        await check(page, `citizen-new-errors-${name}`);

        await page.check('#appeal-type-application');
        await page.selectOption('#appeal-agencyId', await actors.agencyId('MENR'));
        await page.fill('#appeal-subject', 'Ağaclar');
        await page.fill('#appeal-text', TEXT);
        await submitAndWait(page, 'main form button[type=submit]');
        expect(await page.textContent('h1')).toBe(words.review);
        await check(page, `citizen-review-${name}`);

        // "Change" on the subject: the form, filled in, at the subject field.
        await submitAndWait(page, '[data-field="subject"] button');
        expect(new URL(page.url()).hash).toBe('#appeal-subject');
        expect(await page.inputValue('#appeal-subject')).toBe('Ağaclar');
        expect(await page.inputValue('#appeal-text')).toBe(TEXT);
        expect(await page.isChecked('#appeal-type-application')).toBe(true);
        await page.fill('#appeal-subject', SUBJECT);
        await submitAndWait(page, 'main form button[type=submit]');
        expect(await page.textContent('[data-field="subject"] dd')).toBe(SUBJECT);

        await page.setInputFiles('#appeal-files', {
          name: 'şəkil.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n%test\n1 0 obj<<>>endobj\n%%EOF\n'),
        });
        await submitAndWait(page, 'button[data-action="confirm"]');
        expect(new URL(page.url()).pathname).toMatch(/^\/my\/appeals\/[0-9a-f-]{36}\/registered$/);
        expect(await page.textContent('h1')).toBe(words.registered);
        const number = (await page.textContent('[data-testid=registration-number]'))!.trim();
        expect(number).toMatch(/^M-2026-\d{7}$/);
        expect(await page.textContent('[data-testid=due-date]')).toBe(formatDate(lang, '2026-04-02'));
        await check(page, `citizen-registered-${name}`);

        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=registration-pdf]')]);
        expect(download.suggestedFilename()).toBe(`${number}-registration.pdf`);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', await download.path(), '-'], { encoding: 'utf8' });
        expect(text).toContain(number);
        expect(text.replace(/\s+/g, ' ')).toContain(SUBJECT);

        await page.goto(`${base}${new URL(page.url()).pathname.replace(/\/registered$/, '')}`);
        const id = new URL(page.url()).pathname.split('/').pop()!;
        expect(await page.textContent('[aria-current="step"]')).toContain(words.current);
        expect(await page.textContent('[data-testid=rest-days]')).toContain(words.restDays);
        expect(await page.textContent('main')).toContain('şəkil.pdf');
        await check(page, `citizen-case-${name}`);

        const { version } = (await t.http.get(`/api/v1/appeals/${id}`).set(official.auth).expect(200)).body as { version: number };
        await t.http.post(`/api/v1/appeals/${id}/answer`).set(official.auth).send({ text: ANSWER, version }).expect(200);
        await page.reload();
        expect(await page.getAttribute('[aria-current="step"]', 'data-step')).toBe('outcome');
        expect(await page.isVisible('[data-testid=answer-pdf]')).toBe(true);
        await check(page, `citizen-case-answered-${name}`);

        await page.goto(`${base}/my/appeals`);
        expect(await page.textContent('main table')).toContain(number);
        await check(page, `citizen-list-${name}`);
        await context.close();
        expect(consoleErrors).toEqual([]);
      });
    }
  }
});
