import { Browser, BrowserContext, Page } from 'playwright-core';
import { FixedClock } from '../../src/platform/clock/clock';
import { Lang } from '../../src/platform/i18n';
import { Actors, TestUser } from '../support/actors';
import { axeViolations, launchBrowser, pageProblems, screenshot, signInPage } from '../support/browser';
import { seedAgencies, seedStatisticsCases } from '../support/statistics-seed';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(300_000);

const WIDTHS = [1280, 375] as const;
const LANGS: readonly Lang[] = ['az', 'ru', 'en'];

/**
 * Issue 15 "Accessibility is tested": the supervision dashboard, an agency's drill-down, the
 * statistics page and the public league table in headless Chromium, in each language at 1280 px
 * and 375 px: axe-core (WCAG 2.2 AA) finds nothing, the chart has its text alternative, the page
 * basics hold; a screenshot of each goes to test-output/screenshots/ (not committed).
 */
describe('dashboard, statistics and league table in a browser', () => {
  const clock = new FixedClock(new Date('2026-06-15T12:00:00+04:00'));
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let supervisor: TestUser;
  let agencyA: string;
  let emptyAgency: { code: string };
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp({ clock }), launchBrowser()]);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const actors = new Actors(t);
    const admin = await actors.admin();
    const { parent, children } = await seedAgencies(t, admin, 'BR', ['Alfa', 'Beta', 'Qamma']);
    agencyA = children[0].id;
    emptyAgency = children[2];
    const adminId = (await t.http.get('/api/v1/me').set(admin).expect(200)).body.id as string;
    await seedStatisticsCases(adminId, children[0].id, children[1].id);
    supervisor = await actors.staff('supervisor', parent.code);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function context(width: number, lang: Lang, user?: { email: string; password: string }): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    await ctx.request.get(`${base}/lang/${lang}?back=/`);
    if (user) {
      const page = await ctx.newPage();
      await signInPage(page, base, user);
      await page.close();
    }
    return ctx;
  }

  async function check(ctx: BrowserContext, path: string, shot: string): Promise<Page> {
    const page = await ctx.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${path}: ${message.text()}`);
    });
    const response = await page.goto(base + path);
    expect(response?.status()).toBe(200);
    expect(await pageProblems(page)).toEqual([]);
    expect({ path: shot, violations: await axeViolations(page) }).toEqual({ path: shot, violations: [] });
    await screenshot(page, shot);
    return page;
  }

  it.each(LANGS.flatMap((lang) => WIDTHS.map((width) => [lang, width] as const)))(
    'in %s at %i px: dashboard, drill-down, statistics and league table pass axe',
    async (lang, width) => {
      const staff = await context(width, lang, supervisor);
      const dashboard = await check(staff, '/supervision?minCohort=1', `dashboard-${lang}-${width}`);
      expect(await dashboard.getAttribute('html', 'lang')).toBe(lang);
      expect(await dashboard.getAttribute('svg.chart', 'role')).toBe('img');
      expect(await dashboard.locator('svg.chart title').count()).toBe(1);
      expect(await dashboard.locator('svg.chart desc').count()).toBe(1);
      // The drill-down is reached from the table.
      await Promise.all([
        dashboard.waitForURL(`**/supervision/agencies/${agencyA}?minCohort=1`),
        dashboard.click(`tr[data-agency="${agencyA}"] th a`),
      ]);
      expect(await axeViolations(dashboard)).toEqual([]);
      await screenshot(dashboard, `drill-down-${lang}-${width}`);
      await check(staff, `/statistics?from=2026-01&to=2026-06&agencyId=${agencyA}`, `statistics-${lang}-${width}`);
      await staff.close();

      // The public: the league table and an agency page, without signing in.
      const visitor = await context(width, lang);
      const league = await check(visitor, '/agencies', `league-${lang}-${width}`);
      expect(await league.locator('tbody tr').count()).toBeGreaterThan(0);
      const agency = await check(visitor, `/agencies/${agencyA}`, `agency-${lang}-${width}`);
      expect(await agency.getAttribute('svg.chart', 'role')).toBe('img');
      await visitor.close();
    },
  );

  it('an empty trend says "no data" in the chart and its caption', async () => {
    const actors = new Actors(t);
    const lonely = await actors.staff('supervisor', emptyAgency.code);
    const ctx = await context(1280, 'en', lonely);
    const page = await check(ctx, '/supervision', 'dashboard-no-data-en-1280');
    expect(await page.textContent('svg.chart text.no-data')).toBe('No data');
    expect(await page.textContent('figcaption')).toBe('No data: no appeal fell due in these months.');
    expect(await page.locator('svg.chart polyline, svg.chart circle').count()).toBe(0);
    await ctx.close();
    expect(consoleErrors).toEqual([]);
  });
});
