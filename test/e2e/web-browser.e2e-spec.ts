import { Browser, BrowserContext, Page } from 'playwright-core';
import { FixedClock } from '../../src/platform/clock/clock';
import { Actor } from '../../src/auth/actor';
import { AlertsReadModel, AlertView } from '../../src/web/read-models';
import { Actors, TestUser } from '../support/actors';
import { launchBrowser, pageProblems, screenshot } from '../support/browser';
import { E_DECLARATION, fillTemplate, XLSX } from '../support/self-assessment-sheet';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const ANSWER_TEXT =
  'Hörmətli vətəndaş, müraciətinizə baxılmışdır. Bəyannaməniz qəbul edilmiş və sistemdə qeydiyyata alınmışdır. ' +
  'Əlavə sualınız olarsa, bizimlə əlaqə saxlaya bilərsiniz.';

/** Alerts the test controls (no timer has to fire first); the page's form is exercised here. */
class InMemoryAlerts implements Pick<AlertsReadModel, 'list' | 'acknowledge'> {
  readonly items: AlertView[] = [];
  readonly acknowledgedBy: string[] = [];

  list(): Promise<AlertView[]> {
    return Promise.resolve(this.items);
  }

  acknowledge(actor: Actor, id: string): Promise<void> {
    const index = this.items.findIndex((a) => a.id === id);
    this.items[index] = { ...this.items[index], acknowledgedAt: new Date().toISOString() };
    this.acknowledgedBy.push(actor.id);
    return Promise.resolve();
  }
}

/**
 * The proof in headless Chromium: a citizen submits and sees the number; an official
 * refers (after the respondent and stale-version refusals) and another answers; a supervisor sees
 * red, yellow and green rows and acknowledges an alert; the public pages show no personal data.
 */
jest.setTimeout(60_000);

describe('web pages in a browser', () => {
  // Receipts in March 2025, pages looked at in April: outside the periods other suites write in.
  const clock = new FixedClock(new Date('2025-03-03T10:00:00+04:00'));
  const alerts = new InMemoryAlerts();
  let t: TestApp;
  let actors: Actors;
  let browser: Browser;
  let base: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      startTestApp({ clock, overrides: [{ provide: AlertsReadModel, useValue: alerts }] }),
      launchBrowser(),
    ]);
    actors = new Actors(t);
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(context: BrowserContext, path: string, shot?: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      // A form re-shown with its errors answers 422 or 409 on purpose; anything else (a CSP refusal, a script error, a 404) counts.
      if (message.type() === 'error' && !/status of (422|409)/.test(message.text())) consoleErrors.push(`${path}: ${message.text()}`);
    });
    const response = await page.goto(base + path);
    expect(response?.status()).toBeLessThan(500);
    expect(await pageProblems(page)).toEqual([]);
    if (shot) await screenshot(page, shot);
    return page;
  }

  async function signIn(context: BrowserContext, user: { email: string; password: string }, shot?: string): Promise<void> {
    const page = await open(context, '/login', shot);
    await page.fill('#login-email', user.email);
    await page.fill('#login-password', user.password);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('main button[type=submit]')]);
    await page.close();
  }

  async function submitAction(page: Page, action: string): Promise<void> {
    await Promise.all([page.waitForLoadState('domcontentloaded'), page.click(`form[data-action="${action}"] button[type=submit]`)]);
    await page.waitForLoadState('domcontentloaded');
  }

  /** An appeal through the API and, when asked, its answer by an official of the agency. */
  async function seed(
    citizen: TestUser,
    code: string,
    answerBy?: TestUser,
  ): Promise<{ id: string; registrationNumber: string; version: number }> {
    const created = await t.http
      .post('/api/v1/appeals')
      .set(citizen.auth)
      .send({
        type: 'application',
        agencyId: await actors.agencyId(code),
        subject: `Yol təmiri ${code}`,
        text: 'Küçəmizdəki yol uzun müddətdir təmir olunmur, xahiş edirəm baxasınız.',
        applicant: { kind: 'natural', fullName: 'Məmmədova Leyla Arif qızı', email: citizen.email },
      })
      .expect(201);
    const appeal = created.body as { id: string; registrationNumber: string; version: number };
    if (answerBy) {
      await t.http
        .post(`/api/v1/appeals/${appeal.id}/answer`)
        .set(answerBy.auth)
        .send({ text: ANSWER_TEXT, version: appeal.version })
        .expect(200);
    }
    return appeal;
  }

  it('a supervisor sees red, yellow and green rows and acknowledges an alert', async () => {
    const citizen = await actors.citizen('Məmmədova Leyla Arif qızı');
    const [nasimi, yasamal] = await Promise.all([actors.staff('official', 'BAKU-NASIMI'), actors.staff('official', 'BAKU-YASAMAL')]);
    // NASIMI answers its one case on time (100 %), YASAMAL two of three (67 %), SABAIL none of one (0 %).
    await seed(citizen, 'BAKU-NASIMI', nasimi);
    await seed(citizen, 'BAKU-YASAMAL', yasamal);
    await seed(citizen, 'BAKU-YASAMAL', yasamal);
    const lateYasamal = await seed(citizen, 'BAKU-YASAMAL');
    await seed(citizen, 'BAKU-SABAIL');
    clock.set(new Date('2025-04-14T10:00:00+04:00'));
    alerts.items.push({
      id: '5f0f8a52-6c0e-4d37-9f5e-2b7f3a1c9d01',
      appealId: lateYasamal.id,
      registrationNumber: lateYasamal.registrationNumber,
      kind: 'overdue',
      agencyId: await actors.agencyId('BAKU-YASAMAL'),
      // 23:59:59 on 24 March and midnight after it, Baku time, as the API writes instants.
      dueAt: '2025-03-24T19:59:59.000Z',
      createdAt: '2025-03-24T20:00:00.000Z',
      acknowledgedAt: null,
    });

    const supervisor = await actors.staff('supervisor', 'BAKU-EXEC');
    const context = await browser.newContext();
    await signIn(context, supervisor);
    // Three appeals are a small cohort: minCohort=1 lets them be coloured (the API's own parameter).
    const page = await open(context, '/supervision?minCohort=1', 'supervision');
    const colourOf = async (code: string) => page.getAttribute(`tr[data-agency="${await actors.agencyId(code)}"]`, 'data-colour');
    expect(await colourOf('BAKU-NASIMI')).toBe('green');
    expect(await colourOf('BAKU-YASAMAL')).toBe('yellow');
    expect(await colourOf('BAKU-SABAIL')).toBe('red');
    expect(await colourOf('BAKU-BINAGADI')).toBe('none');
    expect(await page.textContent(`tr[data-agency="${await actors.agencyId('BAKU-YASAMAL')}"]`)).toContain('67%');
    expect(await page.locator('svg.chart circle[data-colour]').count()).toBeGreaterThan(0);

    await Promise.all([page.waitForURL(`${base}/supervision`), page.click(`tr[data-alert="${alerts.items[0].id}"] button`)]);
    expect(await page.textContent(`tr[data-alert="${alerts.items[0].id}"]`)).toContain('Təsdiqlənib');
    expect(alerts.acknowledgedBy).toEqual([supervisor.id]);

    const csv = await context.request.get(`${base}/supervision/export.csv`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('Yasamal');
    await context.close();
  });

  it('a citizen submits an appeal, sees its number and ledger; bad input is shown next to the field', async () => {
    const context = await browser.newContext();
    const page = await open(context, '/register', 'register');
    await page.fill('#register-fullName', 'Əliyev Vüqar Rəşid oğlu');
    const email = `web-${Date.now()}@mail.test`;
    await page.fill('#register-email', email);
    await page.fill('#register-password', 'a-long-password-1');
    await Promise.all([page.waitForURL(`${base}/appeals/new`), page.click('main button[type=submit]')]);
    expect(await page.inputValue('#appeal-applicant-email')).toBe(email);
    await screenshot(page, 'appeal-new');

    // Nothing chosen: the errors stand next to the fields, the page is a 422, not a 5xx.
    await page.fill('#appeal-subject', 'ab');
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/appeals/new/review` && r.request().method() === 'POST'),
      page.click('main form button[type=submit]'),
    ]);
    expect(bad.status()).toBe(422);
    await page.waitForLoadState('domcontentloaded');
    expect(await page.isVisible('.error[data-field="agencyId"]')).toBe(true);
    expect(await page.isVisible('.error[data-field="subject"]')).toBe(true);
    expect(await page.isVisible('.error[data-field="type"]')).toBe(true);
    expect(await page.getAttribute('#appeal-subject', 'aria-invalid')).toBe('true');
    expect(await pageProblems(page)).toEqual([]);
    await screenshot(page, 'appeal-new-errors');

    await page.check('#appeal-type-complaint');
    await page.selectOption('#appeal-agencyId', await actors.agencyId('MTAX'));
    await page.fill('#appeal-subject', 'Bəyannamə qəbul edilmir');
    await page.fill(
      '#appeal-text',
      'Elektron bəyannaməm üç həftədir qəbul edilmir, Vergilər Nazirliyinin rayon idarəsindən şikayət edirəm.',
    );
    await page.click('summary:has-text("Şikayət")');
    await page.selectOption('#appeal-respondentAgencyId', await actors.agencyId('SCC'));
    // Check your answers (issue 15), then the documents go with the confirmation.
    await Promise.all([page.waitForURL(`${base}/appeals/new/review`), page.click('main form button[type=submit]')]);
    await page.setInputFiles('#appeal-files', {
      name: 'qebz.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%test\n1 0 obj<<>>endobj\n%%EOF\n'),
    });
    await Promise.all([page.waitForURL(/\/my\/appeals\/[0-9a-f-]{36}\/registered$/), page.click('button[data-action="confirm"]')]);
    const number = (await page.textContent('[data-testid=registration-number]'))?.trim();
    expect(number).toMatch(/^M-2025-\d{7}$/);
    expect(await page.textContent('h1')).toContain('qeydə alındı');
    await page.goto(page.url().replace(/\/registered$/, ''));
    expect(await page.getAttribute('[data-testid=days-left]', 'data-days')).toMatch(/^\d+$/);
    expect(await page.textContent('main')).toContain('qebz.pdf');
    expect(await pageProblems(page)).toEqual([]);
    await screenshot(page, 'my-appeal');

    const list = await open(context, '/my/appeals', 'my-appeals');
    expect(await list.textContent('main table')).toContain(number);
    await context.close();
  });

  it('an official refers (respondent and stale version refused) and another answers; the citizen reads the answer', async () => {
    const citizen = await actors.citizen('Hüseynov Rauf Elçin oğlu');
    const created = await t.http
      .post('/api/v1/appeals')
      .set(citizen.auth)
      .send({
        type: 'complaint',
        agencyId: await actors.agencyId('MTAX'),
        subject: 'Gömrük rüsumu səhv hesablanıb',
        text: 'Gömrük rüsumu səhv hesablanıb, Dövlət Gömrük Komitəsinin qərarından şikayət edirəm.',
        applicant: { kind: 'natural', fullName: 'Hüseynov Rauf Elçin oğlu', email: citizen.email },
        respondentAgencyId: await actors.agencyId('SCC'),
      })
      .expect(201);
    const appeal = created.body as { id: string; registrationNumber: string; version: number };
    const official = await actors.staff('official', 'MTAX');
    const context = await browser.newContext();
    await signIn(context, official);

    const inbox = await open(context, '/office', 'office');
    expect(await inbox.textContent('main table')).toContain(appeal.registrationNumber);
    await Promise.all([inbox.waitForURL(`${base}/office/appeals/${appeal.id}`), inbox.click(`a:has-text("${appeal.registrationNumber}")`)]);
    expect(await pageProblems(inbox)).toEqual([]);
    await screenshot(inbox, 'office-case');

    // Administrative Offences Code 594-1.1.2: never to the agency complained about.
    await inbox.selectOption('#refer-toAgencyId', await actors.agencyId('SCC'));
    await submitAction(inbox, 'refer');
    expect(await inbox.textContent('.error[data-field="toAgencyId"]')).toContain('594-1.1.2');
    await screenshot(inbox, 'office-case-respondent-refused');

    // Someone else acts meanwhile: this page's version is stale.
    await t.http
      .post(`/api/v1/appeals/${appeal.id}/additional-study`)
      .set(official.auth)
      .send({ reason: 'Əlavə yoxlama lazımdır', version: appeal.version })
      .expect(200);
    await inbox.selectOption('#refer-toAgencyId', await actors.agencyId('MEDU'));
    await submitAction(inbox, 'refer');
    expect(await inbox.textContent('form[data-action="refer"] .form-error')).toContain('Bu işi başqası dəyişdi');

    await inbox.goto(`${base}/office/appeals/${appeal.id}`);
    // Additional study was ordered: the page no longer offers it, the one extension still (Art. 10.1, 10.2).
    expect(await inbox.isVisible('form[data-action="additionalStudy"]')).toBe(false);
    expect(await inbox.isVisible('form[data-action="extend"]')).toBe(true);
    await inbox.selectOption('#refer-toAgencyId', await actors.agencyId('MEDU'));
    await inbox.fill('#refer-note', 'Təhsil məsələsidir');
    await submitAction(inbox, 'refer');
    expect(await inbox.textContent('[data-status]')).toContain('Aidiyyəti üzrə göndərilib');
    const referredTo = await inbox.getAttribute('section[aria-labelledby=linked] a', 'href');
    expect(referredTo).toMatch(/^\/office\/appeals\/[0-9a-f-]{36}$/);
    const newCaseId = referredTo!.split('/').pop()!;
    await context.close();

    const receiver = await actors.staff('official', 'MEDU');
    const other = await browser.newContext();
    await signIn(other, receiver);
    const casePage = await open(other, `/office/appeals/${newCaseId}`);
    await casePage.fill('#answer-text', 'qısa');
    await submitAction(casePage, 'answer');
    expect(await casePage.isVisible('form[data-action="answer"] .form-error')).toBe(true);
    await casePage.fill('#answer-text', ANSWER_TEXT);
    await casePage.fill('#answer-position', 'Şöbə müdiri');
    await submitAction(casePage, 'answer');
    expect(await casePage.textContent('[data-status]')).toContain('Cavablandırılıb');
    await screenshot(casePage, 'office-answered');
    await other.close();

    const mine = await browser.newContext();
    await signIn(mine, citizen);
    const own = await open(mine, `/my/appeals/${newCaseId}`);
    expect(await own.textContent('.answer[lang="az"]')).toContain('müraciətinizə baxılmışdır');
    await own.selectOption('#feedback-satisfied', 'yes');
    await Promise.all([own.waitForResponse((r) => r.request().method() === 'POST'), own.click('form[action$="/feedback"] button')]);
    await own.waitForLoadState('domcontentloaded');
    expect(await own.isVisible('form[action$="/feedback"]')).toBe(false);
    expect(await own.textContent('main')).toContain('Rəyiniz üçün təşəkkür');
    await screenshot(own, 'my-appeal-answered');
    await mine.close();
  });

  it('an admin adds an e-service, creates a period, uploads the self-assessment (a bad sheet refused at the field) and publishes; the dashboard shows the lights', async () => {
    const binagadi = await actors.agencyId('BAKU-BINAGADI');
    const context = await browser.newContext();
    await signIn(context, ADMIN);
    const admin = await open(context, '/admin/evaluation', 'admin-evaluation');
    const submit = async (form: string) => {
      await Promise.all([
        admin.waitForLoadState('domcontentloaded'),
        admin.click(`form[method="post"][action$="${form}"] button[type=submit]`),
      ]);
      await admin.waitForLoadState('domcontentloaded');
      expect(await pageProblems(admin)).toEqual([]);
    };

    // A name of one letter breaks the DTO's Length(2, 500): said in Azerbaijani next to the field.
    await admin.fill('#e-service-registryNumber', '99.2.1');
    await admin.fill('#e-service-name', 'X');
    await admin.selectOption('#e-service-agencyId', binagadi);
    await submit('/admin/evaluation/e-services');
    expect(await admin.textContent('#e-service-name-error')).toBe('Ən azı 2 simvol yazın.');
    expect(await admin.getAttribute('#e-service-name', 'aria-describedby')).toContain('e-service-name-error');
    await screenshot(admin, 'admin-e-service-error');
    await admin.fill('#e-service-name', 'Binəqədi: sınaq xidməti');
    await submit('/admin/evaluation/e-services');
    expect(await admin.textContent('tr[data-e-service="99.2.1"]')).toContain('Binəqədi: sınaq xidməti');

    await admin.fill('#period-name', '2024 IV rüb');
    await admin.fill('#period-startsOn', '2024-10-01');
    await admin.fill('#period-endsOn', '2024-12-31');
    await submit('/admin/evaluation/periods');
    const periodPath = new URL(admin.url()).pathname;
    const periodId = periodPath.split('/').pop()!;

    await admin.selectOption('#services-count-agencyId', binagadi);
    await admin.fill('#services-count-servicesTotal', '1');
    await admin.fill('#services-count-servicesElectronic', '1');
    await submit('/services-count');

    const template = await context.request.get(`${base}${periodPath}/self-assessment.xlsx?agencyId=${binagadi}`);
    expect(template.headers()['content-type']).toBe(XLSX);
    const upload = async (content: Buffer) => {
      await admin.selectOption('#upload-agencyId', binagadi);
      await admin.setInputFiles('#upload-file', { name: 'binagadi.xlsx', mimeType: XLSX, buffer: content });
      await submit('/self-assessment.xlsx');
    };
    await upload(await fillTemplate(await template.body(), (n) => (n === 16 ? '' : E_DECLARATION(n))));
    expect(await admin.textContent('#upload-file-error')).toBe('Sətir 2, sütun R: missing answer');
    expect(await admin.getAttribute('#upload-file', 'aria-invalid')).toBe('true');
    await screenshot(admin, 'admin-upload-refused');
    await upload(await fillTemplate(await template.body(), E_DECLARATION));
    expect(await admin.textContent('main .notice')).toContain('1 xidmət');
    expect(await admin.getAttribute(`tr[data-agency="${binagadi}"] td[data-colour]`, 'data-colour')).toBe('green');
    await screenshot(admin, 'admin-period');

    await Promise.all([admin.waitForURL(`${base}${periodPath}/publish`), admin.click(`a[href="${periodPath}/publish"]`)]);
    expect(await pageProblems(admin)).toEqual([]);
    await screenshot(admin, 'admin-publish-confirm');
    await submit('/publish');
    expect(await admin.getAttribute('[data-period-status]', 'data-period-status')).toBe('published');
    await context.close();

    // Sect. 3: 1 of 1 -> 100 % green; the e-declaration answers reach level 3 (yellow) with score 4 "good".
    const supervisor = await actors.staff('supervisor', 'BAKU-EXEC');
    const own = await browser.newContext();
    await signIn(own, supervisor);
    const dashboard = await open(own, `/supervision?period=${periodId}`, 'supervision-period');
    const row = `tr[data-agency="${binagadi}"]`;
    expect(await dashboard.getAttribute(`${row} td:nth-of-type(3)`, 'data-colour')).toBe('green');
    expect(await dashboard.textContent(`${row} td:nth-of-type(3)`)).toContain('100%');
    expect(await dashboard.getAttribute(`${row} [data-level="3"]`, 'data-colour')).toBe('yellow');
    expect(await dashboard.textContent(`${row} [data-level="3"]`)).toContain('səviyyə 3: 1');
    expect(await dashboard.textContent(row)).toContain('4.0 (yaxşı)');
    const xlsx = await own.request.get(`${base}/supervision/export.xlsx?period=${periodId}`);
    expect(xlsx.headers()['content-type']).toBe(XLSX);
    await own.close();
  });

  it('public pages show no personal data; the English switch works; CSP caused no errors', async () => {
    const context = await browser.newContext();
    const table = await open(context, '/agencies', 'agencies');
    const agencyId = await actors.agencyId('BAKU-YASAMAL');
    const agency = await open(context, `/agencies/${agencyId}`, 'agency');
    const home = await open(context, '/', 'home');
    for (const page of [table, agency, home]) {
      const content = await page.content();
      for (const personal of ['Məmmədova', 'Hüseynov', 'Əliyev', '@mail.test', 'M-2025-', 'Yol təmiri', 'Bəyannamə qəbul']) {
        expect(content).not.toContain(personal);
      }
    }
    expect(await agency.getAttribute('svg.chart', 'role')).toBe('img');
    await Promise.all([home.waitForURL(`${base}/`), home.click('a[hreflang="en"]')]);
    expect(await home.getAttribute('html', 'lang')).toBe('en');
    expect(await home.title()).toContain("Citizens' appeals");
    await screenshot(home, 'home-en');
    const response = await context.request.get(`${base}/`);
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await open(context, '/login', 'login');
    await context.close();
    expect(consoleErrors).toEqual([]);
  });
});
