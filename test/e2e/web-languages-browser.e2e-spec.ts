import { Browser, BrowserContext, Page } from 'playwright-core';
import { LANGS } from '../../src/platform/i18n';
import { Actors, TestUser } from '../support/actors';
import { axeViolations, launchBrowser, pageProblems, screenshot, signInPage } from '../support/browser';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

// axe-core takes seconds a page on a busy 2-core machine: about a dozen pages a language and width.
jest.setTimeout(300_000);

/**
 * Issue 15, "Languages", in headless Chromium: the public pages, sign-in, registration, the mailed
 * links' pages and the account page, in Azerbaijani, Russian and English at 1280 and 375 px, as each
 * role that opens them (signed out; a citizen, an official and an admin for the account page).
 * axe-core (WCAG 2.2 AA) finds nothing; the language switch offers the two other languages; screenshots
 * go to test-output/screenshots (not committed).
 */
describe('pages in three languages in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let mtax: string;
  let citizen: TestUser;
  let official: TestUser;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const actors = new Actors(t);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    mtax = await actors.agencyId('MTAX');
    citizen = await actors.citizen();
    official = await actors.staff('official', 'MTAX');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(context: BrowserContext, lang: string, who?: { email: string; password: string }): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    if (who) {
      await signInPage(page, base, who);
    }
    await page.goto(`${base}/lang/${lang}?back=/`);
    return page;
  }

  /** One page: the language asked for, the other two offered, no basic problem, no axe violation, a screenshot. */
  async function check(page: Page, path: string, lang: string, shot: string): Promise<void> {
    await page.goto(`${base}${path}`);
    await page.waitForLoadState('domcontentloaded');
    expect({ path, lang: await page.getAttribute('html', 'lang') }).toEqual({ path, lang });
    const offered = await page.$$eval('nav.langs a', (links) => links.map((a) => a.getAttribute('hreflang')));
    expect({ path, offered: offered.sort() }).toEqual({ path, offered: LANGS.filter((l) => l !== lang).sort() });
    expect({ path, problems: await pageProblems(page) }).toEqual({ path, problems: [] });
    expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
    await screenshot(page, shot);
  }

  for (const lang of LANGS) {
    for (const width of [1280, 375]) {
      it(`${lang}, ${width} px: public, sign-in and account pages for each role, 0 axe violations`, async () => {
        const name = (who: string, page: string) => `languages-${lang}-${width}-${who}-${page}`;
        const viewport = { width, height: 900 };

        const visitor = await browser.newContext({ viewport });
        const signedOut = await open(visitor, lang);
        const publicPages: Array<[string, string]> = [
          ['/', 'home'],
          ['/agencies', 'agencies'],
          [`/agencies/${mtax}`, 'agency'],
          ['/login', 'login'],
          ['/register', 'register'],
          ['/password-reset', 'password-reset'],
          [`/password-reset?token=${'a'.repeat(40)}`, 'new-password'],
          [`/verify-email?token=${'b'.repeat(40)}`, 'verify-email'],
        ];
        for (const [path, shot] of publicPages) await check(signedOut, path, lang, name('visitor', shot));
        // The switch itself: Russian chosen on an Azerbaijani or English page, which comes back in Russian.
        if (lang !== 'ru') {
          await signedOut.goto(`${base}/login`);
          await Promise.all([signedOut.waitForURL(`${base}/login`), signedOut.click('nav.langs a[hreflang=ru]')]);
          expect(await signedOut.getAttribute('html', 'lang')).toBe('ru');
        }
        await visitor.close();

        for (const [who, user] of [
          ['citizen', citizen],
          ['official', official],
          ['admin', ADMIN],
        ] as const) {
          const context = await browser.newContext({ viewport });
          const page = await open(context, lang, user);
          await check(page, '/account', lang, name(who, 'account'));
          if (who === 'citizen') await check(page, '/', lang, name(who, 'home'));
          await context.close();
        }
        expect(consoleErrors).toEqual([]);
      });
    }
  }
});
