import { Actors } from '../support/actors';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { E_DECLARATION, fillTemplate, XLSX } from '../support/self-assessment-sheet';
import { cookieAttributes, WebClient } from '../support/web-client';

/** The pages through HTTP: security headers, CSRF, forms that survive bad input, escaping, no personal data in public. */
describe('web pages (HTTP)', () => {
  let t: TestApp;
  let actors: Actors;

  beforeAll(async () => {
    t = await startTestApp();
    actors = new Actors(t);
  });
  afterAll(() => t.close());

  it('serves every public page with lang, a title, CSP with frame-ancestors and no framing', async () => {
    const web = new WebClient(t);
    for (const path of ['/', '/agencies', '/login', '/register']) {
      const page = await web.get(path);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/<html lang="az">/);
      expect(page.text).toMatch(/<title>[^<]+ — e-Müraciət<\/title>/);
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['x-frame-options']).toBe('DENY');
    }
    const english = await web.get('/lang/en?back=/agencies');
    expect(english.status).toBe(303);
    expect(english.headers.location).toBe('/agencies');
    expect((await web.get('/agencies')).text).toMatch(/<html lang="en">/);
    expect((await web.get('/lang/en?back=//evil.example')).headers.location).toBe('/');
  });

  it('refuses a form POST without the CSRF token (403) and with a token of another browser', async () => {
    const citizen = await actors.citizen();
    const web = new WebClient(t);
    await web.get('/login');
    expect((await web.post('/login', { _csrf: '', email: citizen.email, password: citizen.password })).status).toBe(403);
    const other = new WebClient(t);
    await other.get('/login');
    expect((await web.post('/login', { _csrf: other.csrf, email: citizen.email, password: citizen.password })).status).toBe(403);
    expect((await web.post('/login', { email: citizen.email, password: citizen.password })).status).toBe(303);
  });

  it('shows errors next to the fields, never a 5xx, and keeps what was typed (escaped)', async () => {
    const web = new WebClient(t);
    await web.get('/register');
    const bad = await web.post('/register', { fullName: '<script>alert(1)</script>', email: 'not-an-email', password: 'short' });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/<p class="error" id="register-email-error" data-field="email">/);
    expect(bad.text).toMatch(/<p class="error" id="register-password-error" data-field="password">/);
    expect(bad.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(bad.text).not.toContain('<script>alert(1)</script>');

    const citizen = await actors.citizen();
    await web.signIn(citizen.email, citizen.password);
    await web.get('/appeals/new');
    // The new-appeal form is multipart only: without a token it is refused, with one it is a 415 page, never a 5xx.
    expect((await web.post('/appeals/new', { _csrf: 'forged', subject: 'x' })).status).toBe(403);
    const wrongType = await web.post('/appeals/new', { subject: 'x' });
    expect(wrongType.status).toBe(415);
    expect(wrongType.text).toMatch(/<html lang="az">/);
  });

  it('sends people who are not signed in to the login page, and the wrong role gets 403', async () => {
    const web = new WebClient(t);
    const response = await web.get('/my/appeals');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/login?next=%2Fmy%2Fappeals');
    const citizen = await actors.citizen();
    await web.signIn(citizen.email, citizen.password);
    for (const path of ['/office', '/supervision', '/admin']) expect((await web.get(path)).status).toBe(403);
    expect((await web.get('/my/appeals/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await web.get('/my/appeals/not-an-id')).status).toBe(404);
  });

  it('sets httpOnly SameSite=Lax session cookies, Secure when PUBLIC_URL is https', async () => {
    const citizen = await actors.citizen();
    const response = await t.http.get('/login');
    const cookies = response.headers['set-cookie'] as unknown as string[];
    expect(cookieAttributes(cookies, 'em_csrf')).toEqual(['HttpOnly', 'Path=/', 'SameSite=Lax']);
    const secure = await startTestApp({ env: { PUBLIC_URL: 'https://portal.test' } });
    try {
      const web = new WebClient(secure);
      await web.get('/login');
      const login = await web.post('/login', { email: citizen.email, password: citizen.password });
      expect(cookieAttributes(login.headers['set-cookie'], '__Host-em_session')).toEqual(
        expect.arrayContaining(['HttpOnly', 'Path=/', 'SameSite=Lax', 'Secure', expect.stringMatching(/^Max-Age=\d+$/)]),
      );
    } finally {
      await secure.close();
    }
  });

  it('admin: catalogue, period, N/M, spreadsheet round-trip with row/column errors, survey, publish; dashboard and public pages show it', async () => {
    const admin = new WebClient(t);
    await admin.signIn(ADMIN.email, ADMIN.password);
    const sumgait = await actors.agencyId('SUMGAIT-EXEC');

    // Each page says the DTO's rules in its own language (the catalogue's words for the rule's kind), next to the field.
    await admin.get('/admin/evaluation');
    const bad = await admin.post('/admin/evaluation/e-services', { registryNumber: '99.1.1', name: 'X', agencyId: sumgait });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/<p class="error" id="e-service-name-error" data-field="name">Ən azı 2 simvol yazın\.<\/p>/);
    await admin.get('/lang/en?back=/admin/evaluation');
    const badEn = await admin.post('/admin/evaluation/e-services', { registryNumber: 'abc', name: 'X', agencyId: sumgait });
    expect(badEn.text).toContain('Enter at least 2 characters.');
    expect(badEn.text).toContain('The format is wrong; see the example.');
    await admin.get('/lang/ru?back=/admin/evaluation');
    const badRu = await admin.post('/admin/evaluation/e-services', { registryNumber: 'abc', name: 'X', agencyId: sumgait });
    expect(badRu.text).toContain('Введите не меньше 2 символов.');
    await admin.get('/lang/az?back=/admin/evaluation');

    const added = await admin.post('/admin/evaluation/e-services', {
      registryNumber: '99.1.1',
      name: 'Sınaq <xidməti>',
      agencyId: sumgait,
    });
    expect(added.status).toBe(303);
    const list = await admin.get(added.headers.location as string);
    expect(list.text).toContain('Sınaq &lt;xidməti&gt;');
    const serviceId = /href="\/admin\/evaluation\/e-services\/([0-9a-f-]{36})">[^<]*<span class="visually-hidden"> 99\.1\.1/.exec(
      list.text,
    )?.[1];
    expect(serviceId).toBeDefined();
    expect((await admin.get(`/admin/evaluation/e-services/${serviceId}`)).text).toContain('99.1.1');
    const edited = await admin.post(`/admin/evaluation/e-services/${serviceId}`, {
      name: 'Sınaq xidməti',
      nameEn: '',
      agencyId: sumgait,
      active: 'true',
    });
    expect(edited.status).toBe(303);
    expect((await admin.post('/admin/evaluation/e-services', { registryNumber: '99.1.1', name: 'Təkrar', agencyId: sumgait })).status).toBe(
      409,
    );

    expect(
      (await admin.post('/admin/evaluation/periods', { name: '2024 III rüb', startsOn: '2024-07-01', endsOn: '2024-06-01' })).status,
    ).toBe(422);
    const created = await admin.post('/admin/evaluation/periods', { name: '2024 III rüb', startsOn: '2024-07-01', endsOn: '2024-09-30' });
    expect(created.status).toBe(303);
    const periodPath = (created.headers.location as string).split('?')[0];
    const periodId = periodPath.split('/').pop()!;
    await admin.get(periodPath);

    const nm = await admin.post(`${periodPath}/services-count`, { agencyId: sumgait, servicesTotal: '4', servicesElectronic: 'dörd' });
    expect(nm.status).toBe(422);
    expect(nm.text).toMatch(/data-field="servicesElectronic">[^<]*Tam ədəd yazın\./);
    expect(
      (await admin.post(`${periodPath}/services-count`, { agencyId: sumgait, servicesTotal: '4', servicesElectronic: '3' })).status,
    ).toBe(303);

    const template = await admin.download(`${periodPath}/self-assessment.xlsx?agencyId=${sumgait}`);
    expect(template.status).toBe(200);
    expect(template.headers['content-type']).toBe(XLSX);
    await admin.get(periodPath);
    // The multipart upload checks its token too.
    const forged = await admin.postMultipart(`${periodPath}/self-assessment.xlsx`, { _csrf: 'forged', agencyId: sumgait }, {});
    expect(forged.status).toBe(403);
    const refused = await admin.postMultipart(
      `${periodPath}/self-assessment.xlsx`,
      { agencyId: sumgait },
      {
        file: {
          content: await fillTemplate(template.body, (n) => (n === 5 ? 'bəlkə' : E_DECLARATION(n))),
          fileName: 'bad.xlsx',
          contentType: XLSX,
        },
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(
      /<p class="error" id="upload-file-error" data-field="file">Sətir 2, sütun G: &quot;bəlkə&quot; is not bəli or xeyr<\/p>/,
    );
    const accepted = await admin.postMultipart(
      `${periodPath}/self-assessment.xlsx`,
      { agencyId: sumgait },
      { file: { content: await fillTemplate(template.body, E_DECLARATION), fileName: 'good.xlsx', contentType: XLSX } },
    );
    expect(accepted.status).toBe(303);
    const period = await admin.get(accepted.headers.location as string);
    expect(period.text).toContain('Cədvəl qəbul edildi: 1 xidmət.');
    expect(period.text).toMatch(
      new RegExp(`<tr data-agency="${sumgait}">.*data-colour="yellow"[^>]*><span class="dot" aria-hidden="true"></span> 75%`, 's'),
    );

    // Sect. 4's worked example: 0.83, 0.57, 0.33 -> 0.58.
    const survey: Record<string, string> = {
      'answers.1.1': 'yes',
      'answers.1.2': 'no',
      'answers.1.3': 'yes',
      'answers.1.4': 'yes',
      'answers.1.5': 'yes',
      'answers.1.6': 'yes',
      'answers.2.1': 'yes',
      'answers.2.2': 'yes',
      'answers.2.3': 'yes',
      'answers.2.4': 'yes',
      'answers.2.5': '1',
      'answers.2.6': '1',
      'answers.2.7': '10',
      'answers.3.1': 'yes',
      'answers.3.2': '5',
      'answers.3.3': '10',
    };
    const missing = await admin.post(`${periodPath}/infrastructure`, { ...survey, 'answers.3.3': '' });
    expect(missing.status).toBe(422);
    expect(missing.text).toMatch(/data-field="answers\.3\.3">missing answer/);
    const tooMuch = await admin.post(`${periodPath}/infrastructure`, { ...survey, 'answers.3.2': '150' });
    expect(tooMuch.text).toMatch(/data-field="answers\.3\.2">Ən çoxu 100 ola bilər\./);
    const saved = await admin.post(`${periodPath}/infrastructure`, survey);
    expect(saved.headers.location).toBe(`${periodPath}?done=infrastructure&index=0.58`);

    // Publishing takes the confirmation page; a post without its "yes" goes back to it.
    expect((await admin.post(`${periodPath}/publish`, {})).headers.location).toBe(`${periodPath}/publish`);
    expect((await admin.get(`${periodPath}/publish`)).text).toContain('Bəli, dərc et');
    expect((await admin.post(`${periodPath}/publish`, { confirm: 'yes' })).status).toBe(303);
    const again = await admin.post(`${periodPath}/publish`, { confirm: 'yes' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('already published');

    // The supervisor's dashboard for the period: digitisation 3/4 (sect. 3: 50-75 % yellow), level 3 (yellow), score 4 "good".
    const supervisor = await actors.staff('supervisor', 'SUMGAIT-EXEC');
    const web = new WebClient(t);
    await web.signIn(supervisor.email, supervisor.password);
    const dashboard = await web.get(`/supervision?period=${periodId}`);
    const row = new RegExp(`<tr data-colour="[a-z]+" data-agency="${sumgait}">(.*?)</tr>`, 's').exec(dashboard.text)?.[1] ?? '';
    expect(row).toMatch(
      /<td>4<\/td><td>3<\/td>\s*<td class="light light-yellow" data-colour="yellow"><span class="dot" aria-hidden="true"><\/span> 75%/,
    );
    expect(row).toMatch(/<span class="light light-yellow" data-colour="yellow" data-level="3">.*səviyyə 3: 1/s);
    expect(row).toMatch(/data-colour="yellow"><span class="dot" aria-hidden="true"><\/span> 4\.0 \(yaxşı\)/);
    expect(row).not.toContain('gözlənilir');
    const csv = await web.get(`/supervision/export.csv?period=${periodId}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toContain('servicesTotal,servicesElectronic,share,digitisationColour');
    expect(csv.text).toMatch(/,4,3,0\.75,yellow/);
    const xlsx = await web.download(`/supervision/export.xlsx?period=${periodId}`);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');

    // The public sees the published period, without answers or names of people.
    const pub = new WebClient(t);
    expect((await pub.get('/agencies')).text).toContain(`href="/agencies/published/${periodId}"`);
    const published = await pub.get(`/agencies/published/${periodId}`);
    expect(published.status).toBe(200);
    expect(published.text).toMatch(/data-colour="yellow">0\.58<\/strong>/);
    expect(published.text).toMatch(new RegExp(`<tr data-agency="${sumgait}">.*data-level="3"`, 's'));
    expect(published.text).not.toContain(supervisor.email);
    // A grey light says why once ("Məlumat yoxdur"), not "Məlumat yoxdur (Məlumat yoxdur)".
    expect(published.text).toMatch(
      /data-colour="none">[^<]*<span class="dot" aria-hidden="true"><\/span> (Məlumat yoxdur|Məlumat azdır|—)<\/td>/,
    );
    expect(published.text).not.toMatch(/\((Məlumat yoxdur|Məlumat azdır)\)/);
  });
});
