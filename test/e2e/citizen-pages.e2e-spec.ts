import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../src/platform/clock/clock';
import { formatDate, Lang } from '../../src/platform/i18n';
import { Actors, TestUser } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

jest.setTimeout(60_000);

/** Every letter of the Azerbaijani alphabet that Latin-1 fonts lack or that PDF text extraction likes to lose. */
const AZ_LETTERS = ['ə', 'ğ', 'ı', 'ş', 'ç', 'ö', 'ü', 'Ə', 'İ'];
const SUBJECT = 'Əhalinin şikayəti: İçərişəhərdə ağacların kəsilməsi, göl üstü';
const TEXT = 'Məhəlləmizdə ağaclar icazəsiz kəsilir; xahiş edirəm yoxlanılsın və görülən işlər barədə məlumat verilsin.';
const ANSWER =
  'Hörmətli Gülşən xanım, müraciətinizə baxılmışdır. Ağacların kəsilməsi dayandırılıb, günahkar şəxslər barədə tədbir görülür.';
const OFFICIAL = { fullName: 'Qəhrəmanov Ülvi Şükür oğlu', position: 'Şöbə müdiri' };

/** The text pdftotext (poppler) reads from a PDF, whitespace folded. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'citizen-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Issue 15, the citizen's side: check your answers before the intake (nothing stored until the
 * confirmation, a second confirmation finds the first appeal), the confirmation page, the case's
 * PDFs (owner and handling staff only), the deadline ledger on working-days-az.md's worked example
 * (received Mon 2 Mar 2026, 15 working days, due Thu 2 Apr 2026) and the status timeline.
 */
describe('citizen pages (e2e)', () => {
  // The worked example's receipt day. MENR and MES are agencies no other suite files appeals with.
  const clock = new FixedClock(new Date('2026-03-02T10:00:00+04:00'));
  let t: TestApp;
  let actors: Actors;
  let menr: string;
  let citizen: TestUser;
  let web: WebClient;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    actors = new Actors(t);
    menr = await actors.agencyId('MENR');
    citizen = await actors.citizen('Məmmədova Gülşən Əli qızı');
    web = new WebClient(t);
    await web.signIn(citizen.email, citizen.password);
  });
  afterAll(() => t.close());

  async function lang(client: WebClient, value: Lang): Promise<void> {
    expect((await client.get(`/lang/${value}?back=/`)).status).toBe(303);
  }

  async function myAppealCount(user: TestUser): Promise<number> {
    const response = await t.http.get('/api/v1/appeals').set(user.auth).expect(200);
    return (response.body as { items: unknown[] }).items.length;
  }

  function draft(key: string): Record<string, string> {
    return {
      idempotencyKey: key,
      type: 'application',
      agencyId: menr,
      subject: SUBJECT,
      text: TEXT,
      'applicant.kind': 'natural',
      'applicant.fullName': 'Məmmədova Gülşən Əli qızı',
      'applicant.email': citizen.email,
      'applicant.address': 'Bakı, İçərişəhər, Kiçik Qala küç. 3',
    };
  }

  /** An appeal filed through the pages: review, then confirm. Returns its id. */
  async function fileThroughPages(key: string): Promise<string> {
    await web.get('/appeals/new');
    expect((await web.post('/appeals/new/review', draft(key))).status).toBe(200);
    const confirmed = await web.postMultipart('/appeals/new', draft(key), {});
    expect(confirmed.status).toBe(303);
    return /^\/my\/appeals\/([0-9a-f-]{36})\/registered$/.exec(confirmed.headers.location as string)![1];
  }

  it('checks the answers before anything is stored; "change" brings the form back filled in; two confirmations make one appeal', async () => {
    await lang(web, 'az');
    const form = await web.get('/appeals/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('action="/appeals/new/review"');
    const key = /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(form.text)![1];

    // Bad input stays on the form, next to the fields.
    const bad = await web.post('/appeals/new/review', { ...draft(key), subject: 'ab', type: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/<p class="error" id="appeal-subject-error" data-field="subject">/);
    expect(bad.text).toContain('data-field="type"');
    expect(bad.text).toContain(`value="${key}"`);

    const review = await web.post('/appeals/new/review', draft(key));
    expect(review.status).toBe(200);
    expect(review.text).toContain('Məlumatları yoxlayın');
    expect(review.text).toContain(SUBJECT);
    expect(review.text).toContain(TEXT);
    expect(review.text).toContain('Ekologiya və Təbii Sərvətlər Nazirliyi');
    expect(review.text).toContain('Ərizə');
    expect(review.text).toMatch(
      /<form method="post" action="\/appeals\/new" enctype="multipart\/form-data">\s*<input type="hidden" name="_csrf"/,
    );
    expect(review.text).toContain(`<input type="hidden" name="idempotencyKey" value="${key}">`);
    expect(review.text).toContain('formaction="/appeals/new/change#appeal-subject"');
    // Nothing is stored before the confirmation.
    expect(await myAppealCount(citizen)).toBe(0);

    // "Change": the form again, with what was entered.
    const change = await web.post('/appeals/new/change', draft(key));
    expect(change.status).toBe(200);
    expect(change.text).toContain(`value="${SUBJECT}"`);
    expect(change.text).toContain(`>${TEXT}</textarea>`);
    expect(change.text).toMatch(/value="application" checked/);
    expect(change.text).toContain(`<option value="${menr}" selected>`);
    expect(change.text).toContain(`value="${key}"`);
    expect(await myAppealCount(citizen)).toBe(0);

    // The review and change forms carry the CSRF token like every other.
    expect((await web.post('/appeals/new/review', { ...draft(key), _csrf: 'forged' })).status).toBe(403);
    expect((await web.post('/appeals/new/change', { ...draft(key), _csrf: 'forged' })).status).toBe(403);

    const first = await web.postMultipart('/appeals/new', draft(key), {});
    expect(first.status).toBe(303);
    const second = await web.postMultipart('/appeals/new', draft(key), {});
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await myAppealCount(citizen)).toBe(1);

    const confirmation = await web.get(first.headers.location as string);
    expect(confirmation.status).toBe(200);
    const id = /\/my\/appeals\/([0-9a-f-]{36})\/registered/.exec(first.headers.location as string)![1];
    const appeal = (await t.http.get(`/api/v1/appeals/${id}`).set(citizen.auth).expect(200)).body as {
      registrationNumber: string;
      reviewDueDate: string;
    };
    expect(confirmation.text).toContain('Müraciətiniz qeydə alındı');
    expect(confirmation.text).toContain(appeal.registrationNumber);
    expect(confirmation.text).toContain(formatDate('az', appeal.reviewDueDate));
    expect(confirmation.text).toContain(`href="/my/appeals/${id}/registration.pdf"`);
    // Another citizen does not see the confirmation page of this appeal.
    const stranger = new WebClient(t);
    const other = await actors.citizen();
    await stranger.signIn(other.email, other.password);
    expect((await stranger.get(`/my/appeals/${id}/registered`)).status).toBe(404);
  });

  it('the ledger of the worked example names the holidays and transfers from the calendar data and counts 8 rest days', async () => {
    const id = await fileThroughPages('ledger-example-0001');
    const appeal = (await t.http.get(`/api/v1/appeals/${id}`).set(citizen.auth).expect(200)).body as {
      receivedOn: string;
      reviewDueDate: string;
      deadlines: { review: { workingDays: number } };
    };
    // working-days-az.md: received Mon 2 Mar 2026, 15 working days -> due end of Thu 2 Apr 2026.
    expect([appeal.receivedOn, appeal.deadlines.review.workingDays, appeal.reviewDueDate]).toEqual(['2026-03-02', 15, '2026-04-02']);
    const year = (await t.http.get('/api/v1/calendar/years/2026').expect(200)).body as {
      nonWorkingDays: Array<{ date: string; reason: string }>;
    };
    const skipped = year.nonWorkingDays.filter((d) => d.date > '2026-03-02' && d.date <= '2026-04-02');
    // Mar 9 and Mar 20-30 (working-days-az.md).
    expect(skipped.map((d) => d.date)).toEqual([
      '2026-03-09',
      '2026-03-20',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-30',
    ]);

    const expectations: Record<Lang, { rest: string; holiday: string; transfer: string; due: string }> = {
      az: {
        rest: '8 istirahət günü',
        holiday: 'Novruz bayramı, Ramazan bayramı',
        transfer: '8 mart (Qadınlar günü) istirahət günü əvəzinə',
        due: '2 aprel 2026',
      },
      ru: {
        rest: '8 выходных дней',
        holiday: 'Novruz bayramı, Ramazan bayramı',
        transfer: '8 mart (Qadınlar günü) istirahət günü əvəzinə',
        due: '2 апреля 2026 г.',
      },
      en: {
        rest: '8 rest days',
        holiday: 'Novruz, Eid al-Fitr',
        transfer: 'for the rest day of 8 Mar, Women&#39;s Day',
        due: '2 April 2026',
      },
    };
    for (const [language, expected] of Object.entries(expectations) as Array<[Lang, (typeof expectations)['az']]>) {
      await lang(web, language);
      const page = await web.get(`/my/appeals/${id}`);
      expect(page.status).toBe(200);
      const ledger = /<section aria-labelledby="ledger">[\s\S]*?<\/section>/.exec(page.text)![0];
      expect(ledger).toMatch(new RegExp(`data-testid="rest-days" data-count="8">[^<]*${expected.rest}`));
      // Each named day of the data, none of the 8 Saturdays and Sundays.
      expect([...ledger.matchAll(/<li data-date="([\d-]+)">/g)].map((m) => m[1])).toEqual(skipped.map((d) => d.date));
      expect(ledger).toMatch(
        new RegExp(
          `<li data-date="2026-03-20"><time datetime="2026-03-20">${formatDate(language, '2026-03-20')}</time> — (<span lang="az">)?${expected.holiday}`,
        ),
      );
      expect(ledger).toContain(expected.transfer);
      expect(ledger).toContain(expected.due);
      expect(ledger).toContain(formatDate(language, '2026-03-02'));
    }
    await lang(web, 'az');
  });

  it('the timeline marks the current step in words: received, then in review, then answered', async () => {
    const id = await fileThroughPages('timeline-0001');
    const step = (text: string, key: string) =>
      new RegExp(`<li class="step step-(\\w+)" data-step="${key}" data-state="\\w+"( aria-current="step")?>`).exec(text);

    let page = (await web.get(`/my/appeals/${id}`)).text;
    expect(page).toMatch(/<ol class="timeline">/);
    expect(step(page, 'received')).toEqual(expect.arrayContaining(['current', ' aria-current="step"']));
    expect(step(page, 'in_review')?.[1]).toBe('pending');
    expect(page).toMatch(
      /data-step="received"[^>]*><strong>Daxil olub<\/strong> — <time datetime="2026-03-02">2 mart 2026<\/time> <span class="step-state">\(hazırkı mərhələ\)<\/span>/,
    );
    expect(page).toContain('son gün: 2 aprel 2026');

    const official = await staffOf('MENR', 'official', OFFICIAL.fullName);
    const registrar = await staffOf('MENR', 'registrar');
    const before = (await t.http.get(`/api/v1/appeals/${id}`).set(official.auth).expect(200)).body as { version: number };
    clock.advance(86_400_000);
    await t.http
      .post(`/api/v1/appeals/${id}/assignment`)
      .set(registrar.auth)
      .send({ executorId: official.id, version: before.version })
      .expect(200);
    page = (await web.get(`/my/appeals/${id}`)).text;
    expect(step(page, 'received')?.[1]).toBe('done');
    expect(step(page, 'in_review')).toEqual(expect.arrayContaining(['current', ' aria-current="step"']));
    expect(page).toMatch(/<strong>Baxılır<\/strong> — <time datetime="[^"]+">3 mart 2026<\/time>/);

    await answer(id, official);
    page = (await web.get(`/my/appeals/${id}`)).text;
    expect(step(page, 'in_review')?.[1]).toBe('done');
    expect(step(page, 'outcome')).toEqual(expect.arrayContaining(['current', ' aria-current="step"']));
    expect(page).toMatch(/<strong>Cavablandırılıb<\/strong> — <time datetime="[^"]+">3 mart 2026<\/time>/);

    // The applicant's history is in words, like the staff page's: no event codes, and the roles (not
    // the names) of the staff who acted, except the executor the assignment names (rules 6, 16).
    const history = /<section aria-labelledby="history">[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(history).toContain('Qeydiyyata alınıb; daxil olma tarixi');
    expect(history).toContain(`İcraçı təyin edilib: ${OFFICIAL.fullName}`);
    expect(history).toContain('Cavab verilib');
    expect(history).not.toMatch(/<code>|>(registered|assigned|answered)</);
    expect(history).not.toContain('Test registrar');
    clock.set(new Date('2026-03-02T10:00:00+04:00'));
  });

  /** Staff through the admin API, with a name of our own (the answer PDF prints it). */
  async function staffOf(code: string, role: 'official' | 'registrar', fullName = `Test ${role}`): Promise<TestUser & { id: string }> {
    const email = `${role}-${Date.now()}-${Math.random().toString(36).slice(2)}@gov.test`;
    const password = `${role}-password-1`;
    const created = await t.http
      .post('/api/v1/users')
      .set(await actors.admin())
      .send({ email, password, fullName, role, agencyId: await actors.agencyId(code) })
      .expect(201);
    const token = await actors.login(email, password);
    return { id: (created.body as { id: string }).id, email, password, token, auth: { Authorization: `Bearer ${token}` } };
  }

  async function answer(id: string, official: TestUser): Promise<void> {
    const current = (await t.http.get(`/api/v1/appeals/${id}`).set(official.auth).expect(200)).body as { version: number };
    await t.http
      .post(`/api/v1/appeals/${id}/answer`)
      .set(official.auth)
      .send({ text: ANSWER, position: OFFICIAL.position, version: current.version })
      .expect(200);
  }

  it('PDFs of the registration and of the answer: the owner and the handling staff get them, in the page language, with the Azerbaijani letters; others get 404', async () => {
    const id = await fileThroughPages('pdf-0001');
    const appeal = (await t.http.get(`/api/v1/appeals/${id}`).set(citizen.auth).expect(200)).body as {
      registrationNumber: string;
      receivedOn: string;
      reviewDueDate: string;
    };

    const labels: Record<Lang, { title: string; number: string; agency: string }> = {
      az: { title: 'Müraciətin qeydiyyatı haqqında təsdiq', number: 'Qeydiyyat nömrəsi', agency: 'Qurum' },
      ru: { title: 'Подтверждение регистрации обращения', number: 'Регистрационный номер', agency: 'Орган' },
      en: { title: 'Confirmation of the registration of an appeal', number: 'Registration number', agency: 'Agency' },
    };
    for (const [language, label] of Object.entries(labels) as Array<[Lang, (typeof labels)['az']]>) {
      await lang(web, language);
      const pdf = await web.download(`/my/appeals/${id}/registration.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${appeal.registrationNumber}-registration.pdf"`);
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf.body);
      for (const expected of [
        label.title,
        label.number,
        appeal.registrationNumber,
        formatDate(language, appeal.receivedOn),
        formatDate(language, appeal.reviewDueDate),
        SUBJECT,
        'Ekologiya və Təbii Sərvətlər Nazirliyi',
      ]) {
        expect(text).toContain(expected);
      }
      for (const letter of AZ_LETTERS) expect(text).toContain(letter);
      // The font is the package's, embedded; no standard (unembedded) font is referenced.
      expect(pdf.body.toString('latin1')).toMatch(/\/FontFile2/);
      expect(pdf.body.toString('latin1')).not.toMatch(/\/BaseFont \/Helvetica/);
    }
    await lang(web, 'az');

    // No answer yet: nothing to download.
    expect((await web.download(`/my/appeals/${id}/answer.pdf`)).status).toBe(404);
    const page = await web.get(`/my/appeals/${id}`);
    expect(page.text).toContain(`href="/my/appeals/${id}/registration.pdf"`);
    expect(page.text).not.toContain(`href="/my/appeals/${id}/answer.pdf"`);

    const official = await staffOf('MENR', 'official', OFFICIAL.fullName);
    await answer(id, official);
    expect((await web.get(`/my/appeals/${id}`)).text).toContain(`href="/my/appeals/${id}/answer.pdf"`);
    const answerPdf = await web.download(`/my/appeals/${id}/answer.pdf`);
    expect(answerPdf.status).toBe(200);
    expect(answerPdf.headers['content-type']).toBe('application/pdf');
    expect(answerPdf.headers['content-disposition']).toBe(`attachment; filename="${appeal.registrationNumber}-answer.pdf"`);
    const answerText = pdfText(answerPdf.body);
    for (const expected of [
      'Müraciətə cavab',
      appeal.registrationNumber,
      ANSWER,
      `${OFFICIAL.fullName}, ${OFFICIAL.position}`,
      'e-poçtla',
      formatDate('az', '2026-03-02'),
      formatDate('az', appeal.reviewDueDate),
    ]) {
      expect(answerText).toContain(expected);
    }

    // The handling agency's staff download them from their side too.
    const officeClient = new WebClient(t);
    await officeClient.signIn(official.email, official.password);
    for (const kind of ['registration', 'answer']) {
      const staffPdf = await officeClient.download(`/office/appeals/${id}/${kind}.pdf`);
      expect(staffPdf.status).toBe(200);
      expect(pdfText(staffPdf.body)).toContain(appeal.registrationNumber);
    }

    // Another citizen, staff of another agency: 404 on both paths; nobody signed in: to the login page.
    const otherCitizen = await actors.citizen();
    const stranger = new WebClient(t);
    await stranger.signIn(otherCitizen.email, otherCitizen.password);
    const otherStaff = await staffOf('MES', 'official');
    const otherOffice = new WebClient(t);
    await otherOffice.signIn(otherStaff.email, otherStaff.password);
    for (const kind of ['registration', 'answer']) {
      const refused = await stranger.download(`/my/appeals/${id}/${kind}.pdf`);
      expect(refused.status).toBe(404);
      expect(String(refused.headers['content-type'])).toContain('text/html');
      expect((await otherOffice.download(`/office/appeals/${id}/${kind}.pdf`)).status).toBe(404);
      // A citizen is not staff, an official is not the applicant: the other side's path is refused.
      expect((await stranger.download(`/office/appeals/${id}/${kind}.pdf`)).status).toBe(403);
      expect((await officeClient.download(`/my/appeals/${id}/${kind}.pdf`)).status).toBe(403);
      const anonymous = await new WebClient(t).download(`/my/appeals/${id}/${kind}.pdf`);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent(`/my/appeals/${id}/${kind}.pdf`)}`);
    }
  });
});
