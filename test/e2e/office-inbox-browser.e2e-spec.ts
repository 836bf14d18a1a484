import { randomUUID } from 'node:crypto';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { FixedClock } from '../../src/platform/clock/clock';
import { LANGS, translator } from '../../src/platform/i18n';
import { Actors, TestUser } from '../support/actors';
import { axeViolations, launchBrowser, pageProblems, screenshot, signInPage } from '../support/browser';
import { paperAppeal, PaperAppeal } from '../support/paper-appeal';
import { startTestApp, TestApp } from '../support/test-app';

const WIDTHS = [1280, 375] as const;
const az = translator('az');

jest.setTimeout(600_000);

/**
 * Issue 15 in Chromium: a registrar filters the inbox, ticks two cases, assigns them in bulk and
 * reads each case's outcome; axe-core (WCAG 2.2 AA) finds nothing on the inbox and on the results
 * in az, ru and en at 1280 and 375 px. Screenshots go to test-output/screenshots (not committed).
 */
describe('officials inbox in a browser', () => {
  const clock = new FixedClock(new Date('2026-12-02T10:00:00+04:00'));
  let t: TestApp;
  let actors: Actors;
  let browser: Browser;
  let base: string;
  let registrar: TestUser;
  let official: TestUser;
  const cases: PaperAppeal[] = [];
  let complaint: PaperAppeal;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp({ clock }), launchBrowser()]);
    actors = new Actors(t);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    // An agency of this suite's own, so the list holds only its cases.
    const code = `IB${randomUUID().slice(0, 6).toUpperCase()}`;
    const agencyId = (
      (
        await t.http
          .post('/api/v1/agencies')
          .set(await actors.admin())
          .send({ code, name: 'Brauzer sınağı qurumu' })
          .expect(201)
      ).body as {
        id: string;
      }
    ).id;
    [registrar, official] = await Promise.all([actors.staff('registrar', code), actors.staff('official', code)]);
    for (const receivedOn of ['2026-11-02', '2026-11-20', '2026-12-01']) cases.push(await paperAppeal(t, registrar, agencyId, receivedOn));
    complaint = await paperAppeal(t, registrar, agencyId, '2026-11-25', { type: 'complaint' });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(user: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInPage(page, base, user);
    return { context, page };
  }

  /** The page as it stands, at both widths: no basic problem, no axe violation, a screenshot each. */
  async function checkWidths(page: Page, name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      expect(await pageProblems(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `${name}-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const rows = (page: Page) => page.$$eval('table.inbox tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-appeal')));

  it('filters, selects two cases, assigns them in bulk and shows each outcome; axe finds nothing in three languages', async () => {
    const { context, page } = await signedIn(registrar);
    await page.goto(`${base}/office`);
    expect(await page.getAttribute('html', 'lang')).toBe('az');
    expect(await rows(page)).toHaveLength(4);

    // Filter by the form: applications only (the complaint goes), nearest due first.
    await page.selectOption('#filter-type', 'application');
    await Promise.all([page.waitForURL(/type=application/), page.click('form.filters button[type=submit]')]);
    expect(await rows(page)).toEqual(cases.map((c) => c.id));
    expect(await page.textContent('[data-count="all"]')).toBe('(3)');
    expect(await page.isVisible(`table.inbox tr[data-appeal="${complaint.id}"]`)).toBe(false);
    await screenshot(page, 'office-inbox-filtered');

    // Tick two cases (by their labels' names) and assign them to the official.
    await page.getByLabel(az.t('inbox.selectCase', { number: cases[0].registrationNumber })).check();
    await page.getByLabel(az.t('inbox.selectCase', { number: cases[1].registrationNumber })).check();
    await page.selectOption('#bulk-executorId', official.id);
    await Promise.all([page.waitForURL(`${base}/office/inbox/bulk`), page.click('button[name=op][value=assign]')]);
    expect(await page.textContent('[data-results="assign"] [role=status]')).toBe(az.t('inbox.summary', { done: 2, refused: 0 }));
    expect(
      await page.$$eval('[data-results] tbody tr[data-result="done"]', (trs) => trs.map((tr) => tr.getAttribute('data-appeal'))),
    ).toEqual([cases[0].id, cases[1].id]);
    // The list after the action is the filtered one it was taken from, now with the executor's name.
    expect(await rows(page)).toEqual(cases.map((c) => c.id));
    expect(await page.textContent(`table.inbox tr[data-appeal="${cases[0].id}"]`)).toContain('Test official');
    await checkWidths(page, 'office-inbox-results-az');

    // Each was assigned (its own transaction, through the single assignment).
    for (const c of cases.slice(0, 2)) {
      const stored = (await t.http.get(`/api/v1/appeals/${c.id}`).set(registrar.auth).expect(200)).body as { executorId: string };
      expect(stored.executorId).toBe(official.id);
    }

    for (const lang of LANGS) {
      await page.goto(`${base}/lang/${lang}?back=${encodeURIComponent('/office?type=application')}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.textContent('h1')).toBe(translator(lang).t('inbox.title'));
      await checkWidths(page, `office-inbox-${lang}`);
    }
    await context.close();
  });

  it('the official’s own view ("mine") and the bulk referral form pass axe too', async () => {
    const { context, page } = await signedIn(official);
    await page.goto(`${base}/lang/en?back=${encodeURIComponent('/office?assignee=me')}`);
    expect(await rows(page)).toEqual([cases[0].id, cases[1].id]);
    expect(await page.getAttribute('[data-tab="mine"]', 'aria-current')).toBe('page');
    // Officials do not assign (the role table): only the referral is offered.
    expect(await page.isVisible('button[name=op][value=assign]')).toBe(false);
    expect(await page.isVisible('button[name=op][value=refer]')).toBe(true);
    await checkWidths(page, 'office-inbox-mine-en');
    await context.close();
  });
  it('an official takes an unassigned case with "assign to me" (issue 15); the page with the button passes axe', async () => {
    const { context, page } = await signedIn(official);
    await page.goto(`${base}/lang/en?back=${encodeURIComponent('/office?assignee=none')}`);
    // Only the cases nobody handles are listed, each with its button; the assigned ones are not.
    expect(await rows(page)).toEqual(expect.arrayContaining([cases[2].id, complaint.id]));
    expect(await rows(page)).not.toContain(cases[0].id);
    const button = `button[formaction="/office/inbox/${cases[2].id}/take"]`;
    expect(await page.isVisible(button)).toBe(true);
    await checkWidths(page, 'office-inbox-take-en');
    await Promise.all([page.waitForURL(`${base}/office/inbox/${cases[2].id}/take`), page.click(button)]);
    expect(await page.textContent('main')).toContain(translator('en').t('inbox.took', { number: cases[2].registrationNumber }));
    // The list it was taken from: the case left the unassigned tab.
    expect(await rows(page)).not.toContain(cases[2].id);
    const stored = (await t.http.get(`/api/v1/appeals/${cases[2].id}`).set(registrar.auth).expect(200)).body as { executorId: string };
    expect(stored.executorId).toBe(official.id);
    await context.close();
  });
});
