import { FixedClock } from '../../src/platform/clock/clock';
import { formatDate, translator } from '../../src/platform/i18n';
import { Actors, TestUser } from '../support/actors';
import { paperAppeal, PaperAppeal } from '../support/paper-appeal';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

const az = translator('az');
const PDF = Buffer.from('%PDF-1.4\n%cavab\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const ANSWER_TEXT =
  'Hörmətli vətəndaş, müraciətinizə baxılmışdır. Torpaq sahəsi üzrə sənədləriniz yoxlanılmış və qeydiyyata alınmışdır. ' +
  'Əlavə sualınız olarsa, bizimlə əlaqə saxlaya bilərsiniz.';

/** The POST forms of a page (data-action) and its preview forms (GET, data-preview-form). */
const postForms = (page: string) => [...page.matchAll(/<form method="post"[^>]*data-action="([a-zA-Z]+)"/g)].map((m) => m[1]);
const previewForms = (page: string) => [...page.matchAll(/data-preview-form="([a-zA-Z]+)"/g)].map((m) => m[1]);
/** What a person reads: no tags, no attribute values. */
const visibleText = (page: string) => page.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' ');

/**
 * Issue 15, the staff case page over HTTP: only the actions allowed now, each term change with the
 * due date it gives (and the action storing exactly that), the agency's answer templates, answer
 * documents, and the history in words.
 */
jest.setTimeout(90_000);

describe('staff case page (HTTP)', () => {
  // Today in the world: 2 December 2026, a Wednesday, in Baku.
  const TODAY = new Date('2026-12-02T10:00:00+04:00');
  const clock = new FixedClock(TODAY);
  let t: TestApp;
  let actors: Actors;
  let registrar: TestUser;
  let official: TestUser;
  let executor: TestUser;
  let stranger: TestUser;
  const clients = new Map<string, WebClient>();

  beforeAll(async () => {
    t = await startTestApp({ clock });
    actors = new Actors(t);
    [registrar, official, executor, stranger] = await Promise.all([
      actors.staff('registrar', 'MAGR'),
      actors.staff('official', 'MAGR'),
      actors.staff('official', 'MAGR'),
      actors.staff('official', 'MYS'),
    ]);
  }, 180_000);
  afterAll(() => t.close());
  afterEach(() => clock.set(TODAY));

  async function web(user: { email: string; password: string }): Promise<WebClient> {
    let client = clients.get(user.email);
    if (!client) {
      client = new WebClient(t);
      await client.signIn(user.email, user.password);
      clients.set(user.email, client);
    }
    return client;
  }

  /** A paper appeal recorded today by the agency's registrar (appeals-rules.md 2). */
  async function paper(extra: object = {}): Promise<PaperAppeal> {
    return paperAppeal(t, registrar, await actors.agencyId('MAGR'), '2026-12-02', extra);
  }

  async function stored(id: string): Promise<{ reviewDueDate: string; version: number; status: string }> {
    return (await t.http.get(`/api/v1/appeals/${id}`).set(registrar.auth).expect(200)).body as {
      reviewDueDate: string;
      version: number;
      status: string;
    };
  }

  async function assign(id: string, to: TestUser): Promise<void> {
    const { version } = await stored(id);
    await t.http.post(`/api/v1/appeals/${id}/assignment`).set(registrar.auth).send({ executorId: to.id, version }).expect(200);
  }

  it('offers each viewer only the actions the rules allow now', async () => {
    const appeal = await paper();
    const asOfficial = (await (await web(official)).get(`/office/appeals/${appeal.id}`)).text;
    expect(postForms(asOfficial)).toEqual([
      'attachments',
      'refer',
      'copy',
      'additionalStudy',
      'answer',
      'leaveWithoutConsideration',
      'changeRegime',
    ]);
    expect(previewForms(asOfficial)).toEqual(['extend']);
    // Registrars assign and apply the form grounds; they neither answer nor change terms (lifecycle.ts).
    const asRegistrar = (await (await web(registrar)).get(`/office/appeals/${appeal.id}`)).text;
    expect(postForms(asRegistrar)).toEqual(['attachments', 'assign', 'refer', 'copy', 'leaveWithoutConsideration', 'changeRegime']);
    expect(previewForms(asRegistrar)).toEqual([]);

    // Answered: no answer form, no term change, nothing at all to do.
    await t.http
      .post(`/api/v1/appeals/${appeal.id}/answer`)
      .set(official.auth)
      .send({ text: ANSWER_TEXT, version: appeal.version })
      .expect(200);
    const answered = (await (await web(official)).get(`/office/appeals/${appeal.id}`)).text;
    expect(postForms(answered)).toEqual([]);
    expect(previewForms(answered)).toEqual([]);
    expect(answered).toContain(az.t('caseActions.none'));
  });

  it("offers no term change after the due instant, and none for a serviceman's appeal (Art. 10.2, 10.3)", async () => {
    const appeal = await paper();
    const due = new Date((await t.http.get(`/api/v1/appeals/${appeal.id}`).set(official.auth).expect(200)).body.reviewDueAt as string);
    clock.set(new Date(due.getTime() + 60_000));
    const expired = (await (await web(official)).get(`/office/appeals/${appeal.id}`)).text;
    expect(postForms(expired)).not.toContain('additionalStudy');
    expect(previewForms(expired)).not.toContain('extend');
    expect(postForms(expired)).toContain('answer');
    // A preview asked for anyway is refused with the rule's words, not a due date.
    const asked = (await (await web(official)).get(`/office/appeals/${appeal.id}?extendDays=5`)).text;
    expect(asked).not.toContain('data-preview="extend"');
    clock.set(TODAY);

    const military = await paper({ regime: 'military' });
    const page = (await (await web(official)).get(`/office/appeals/${military.id}`)).text;
    expect(previewForms(page)).not.toContain('extend');
    expect(postForms(page)).not.toContain('additionalStudy');
    expect(postForms(page)).toContain('changeRegime');
  });

  it('never reopens a withdrawal; reopens a form defect (Art. 8.3)', async () => {
    const defect = await paper();
    await t.http
      .post(`/api/v1/appeals/${defect.id}/leave-without-consideration`)
      .set(registrar.auth)
      .send({ ground: 'form_defect', note: 'İmza yoxdur', version: defect.version })
      .expect(200);
    const closed = (await (await web(registrar)).get(`/office/appeals/${defect.id}`)).text;
    expect(postForms(closed)).toEqual(['reopen']);
    // Its terms would run afresh from the day it is reopened: shown before, stored after.
    clock.set(new Date('2026-12-04T11:00:00+04:00'));
    const reopening = (await (await web(registrar)).get(`/office/appeals/${defect.id}`)).text;
    const due = /data-preview="reopen" data-due-date="(\d{4}-\d{2}-\d{2})"/.exec(reopening)?.[1];
    expect(due).toBeDefined();
    expect(due! > (await stored(defect.id)).reviewDueDate).toBe(true);
    const { version } = await stored(defect.id);
    expect(
      (await (await web(registrar)).post(`/office/appeals/${defect.id}/reopen`, { version: String(version), note: 'İmza təqdim edilib' }))
        .status,
    ).toBe(303);
    expect((await stored(defect.id)).reviewDueDate).toBe(due);

    const withdrawn = await paper();
    await t.http
      .post(`/api/v1/appeals/${withdrawn.id}/leave-without-consideration`)
      .set(registrar.auth)
      .send({ ground: 'withdrawn', note: 'Müraciət edən ərizə ilə geri götürüb', version: withdrawn.version })
      .expect(200);
    expect(postForms((await (await web(registrar)).get(`/office/appeals/${withdrawn.id}`)).text)).toEqual([]);
  });

  it('hides the case from the official it complains about and from other agencies (404)', async () => {
    const complaint = await paper({ type: 'complaint', respondentOfficialId: official.id });
    expect((await (await web(official)).get(`/office/appeals/${complaint.id}`)).status).toBe(404);
    expect((await (await web(stranger)).get(`/office/appeals/${complaint.id}`)).status).toBe(404);
    expect((await (await web(registrar)).get(`/office/appeals/${complaint.id}`)).status).toBe(200);
    // The form posts are refused the same way.
    const other = await web(stranger);
    await other.get('/office');
    expect(
      (await other.post(`/office/appeals/${complaint.id}/refer`, { version: '1', toAgencyId: await actors.agencyId('MYS') })).status,
    ).toBe(404);
  });

  it('shows the new due date before the term changes; the action stores exactly that date', async () => {
    const appeal = await paper();
    const office = await web(official);
    const page = (await office.get(`/office/appeals/${appeal.id}`)).text;
    const study = /data-preview="additionalStudy" data-due-date="(\d{4}-\d{2}-\d{2})">([^<]+)</.exec(page);
    expect(study).not.toBeNull();
    expect(study![2]).toBe(az.t('caseActions.newDueDate', { date: formatDate('az', study![1]) }));
    expect(
      (
        await office.post(`/office/appeals/${appeal.id}/additional-study`, {
          version: String(appeal.version),
          reason: 'Əlavə yoxlama lazımdır',
        })
      ).status,
    ).toBe(303);
    const afterStudy = await stored(appeal.id);
    expect(afterStudy.reviewDueDate).toBe(study![1]);

    // Out of the law's range: the error stands at the field, and no confirmation is offered.
    const tooMany = (await office.get(`/office/appeals/${appeal.id}?extendDays=31`)).text;
    expect(tooMany).toMatch(/<p class="error" id="extendPreview-extendDays-error" data-field="extendDays">/);
    expect(postForms(tooMany)).not.toContain('extend');

    const chosen = (await office.get(`/office/appeals/${appeal.id}?extendDays=10`)).text;
    const extension = /data-preview="extend" data-due-date="(\d{4}-\d{2}-\d{2})">([^<]+)</.exec(chosen);
    expect(extension).not.toBeNull();
    expect(extension![1] > afterStudy.reviewDueDate).toBe(true);
    expect(chosen).toContain('<input type="hidden" name="workingDays" value="10">');
    expect(chosen).toContain(az.t('caseActions.extendConfirm', { days: az.plural('units.workingDays', 10) }));
    expect(
      (
        await office.post(`/office/appeals/${appeal.id}/extend`, {
          version: String(afterStudy.version),
          workingDays: '10',
          reason: 'Nazirlikdən sorğu edilib',
        })
      ).status,
    ).toBe(303);
    expect((await stored(appeal.id)).reviewDueDate).toBe(extension![1]);

    // Once extended, neither is offered again; the history says what happened, in words.
    const after = (await office.get(`/office/appeals/${appeal.id}`)).text;
    expect(previewForms(after)).not.toContain('extend');
    expect(postForms(after)).not.toContain('additionalStudy');
    expect(after).toContain(
      `${az.t('history.extended', { days: az.plural('units.workingDays', 10), dueDate: formatDate('az', extension![1]) })}: <q>Nazirlikdən sorğu edilib</q>`,
    );
    expect(after).toContain(
      az.t('history.additionalStudy', { days: az.plural('units.workingDays', 30), dueDate: formatDate('az', study![1]) }),
    );
  });

  it('admins keep answer templates per agency; an official gets one filled, with the name only where the identity is visible', async () => {
    const admin = await web(ADMIN);
    const magr = await actors.agencyId('MAGR');
    const mys = await actors.agencyId('MYS');
    expect((await admin.get('/admin/answer-templates')).status).toBe(200);
    const typo = await admin.post('/admin/answer-templates', { agencyId: magr, title: 'Səhv', body: 'Hörmətli {fullName}, cavab.' });
    expect(typo.status).toBe(422);
    expect(typo.text).toMatch(/<p class="error" id="template-body-error" data-field="body">[^<]*\{fullName\}/);
    const body = 'Hörmətli {applicantName}! {receivedOn} tarixli {registrationNumber} nömrəli müraciətinizə {today} baxılmışdır.';
    const created = await admin.post('/admin/answer-templates', { agencyId: magr, title: 'Torpaq: müsbət cavab', body });
    expect(created.status).toBe(303);
    expect((await admin.post('/admin/answer-templates', { agencyId: magr, title: 'Torpaq: müsbət cavab', body })).status).toBe(409);
    expect(
      (await admin.post('/admin/answer-templates', { agencyId: mys, title: 'İdman: cavab', body: 'Gənclər və idman üzrə cavab mətni.' }))
        .status,
    ).toBe(303);
    // Each agency's list holds its own templates only.
    const idOf = async (agencyId: string, title: string) =>
      new RegExp(`href="/admin/answer-templates/([0-9a-f-]{36})">${title}<`).exec(
        (await admin.get(`/admin/answer-templates?agencyId=${agencyId}`)).text,
      )?.[1];
    const ours = (await idOf(magr, 'Torpaq: müsbət cavab'))!;
    const theirs = (await idOf(mys, 'İdman: cavab'))!;
    expect(await idOf(mys, 'Torpaq: müsbət cavab')).toBeUndefined();
    expect(ours).toBeDefined();
    expect(theirs).toBeDefined();
    expect((await admin.post(`/admin/answer-templates/${ours}`, { title: 'Torpaq: cavab', body })).status).toBe(303);
    // Staff do not keep templates.
    expect((await (await web(official)).get('/admin/answer-templates')).status).toBe(403);
    expect((await (await web(official)).post(`/admin/answer-templates/${ours}/delete`, {})).status).toBe(403);

    const appeal = await paper();
    const hidden = (await (await web(official)).get(`/office/appeals/${appeal.id}?template=${ours}`)).text;
    expect(hidden).toContain('Torpaq: cavab');
    expect(hidden).not.toContain('İdman: cavab');
    const filled = /<textarea id="answer-text"[^>]*>([^<]*)<\/textarea>/.exec(hidden)?.[1];
    expect(filled).toBe(
      `Hörmətli müraciət edən! 2 dekabr 2026 tarixli ${appeal.registrationNumber} nömrəli müraciətinizə 2 dekabr 2026 baxılmışdır.`,
    );
    expect(hidden).not.toContain('Məmmədova');
    // Another agency's template is never filled into this case.
    const foreign = (await (await web(official)).get(`/office/appeals/${appeal.id}?template=${theirs}`)).text;
    expect(foreign).not.toContain('Gənclər və idman üzrə cavab mətni.');
    expect(foreign).toMatch(/data-field="template"|class="form-error"/);

    // The executor may see who the applicant is: the name is filled in.
    await assign(appeal.id, executor);
    const named = (await (await web(executor)).get(`/office/appeals/${appeal.id}?template=${ours}`)).text;
    expect(/<textarea id="answer-text"[^>]*>([^<]*)<\/textarea>/.exec(named)?.[1]).toContain('Hörmətli Məmmədova Aygün Elçin qızı!');

    expect((await admin.post(`/admin/answer-templates/${ours}/delete`, {})).status).toBe(303);
    expect((await admin.get(`/admin/answer-templates?agencyId=${magr}`)).text).not.toContain('Torpaq: cavab');
  });

  it('staff upload answer documents and download them; another agency cannot, nor a forged form', async () => {
    const appeal = await paper();
    await assign(appeal.id, executor);
    const office = await web(executor);
    const page = await office.get(`/office/appeals/${appeal.id}`);
    expect(page.text).toContain(`action="/office/appeals/${appeal.id}/attachments" enctype="multipart/form-data"`);

    const forged = await office.postMultipart(
      `/office/appeals/${appeal.id}/attachments`,
      { _csrf: 'forged' },
      {
        file: { content: PDF, fileName: 'cavab.pdf', contentType: 'application/pdf' },
      },
    );
    expect(forged.status).toBe(403);
    await office.get(`/office/appeals/${appeal.id}`);
    const wrongType = await office.postMultipart(
      `/office/appeals/${appeal.id}/attachments`,
      {},
      {
        file: { content: Buffer.from('not a pdf at all'), fileName: 'cavab.pdf', contentType: 'application/pdf' },
      },
    );
    expect(wrongType.status).toBe(422);
    expect(wrongType.text).toMatch(/<p class="error" id="attachments-file-error" data-field="file">/);

    const uploaded = await office.postMultipart(
      `/office/appeals/${appeal.id}/attachments`,
      {},
      {
        file: { content: PDF, fileName: 'cavab.pdf', contentType: 'application/pdf' },
      },
    );
    expect(uploaded.status).toBe(303);
    expect(uploaded.headers.location).toBe(`/office/appeals/${appeal.id}?done=attachments#files`);
    const listed = (await office.get(`/office/appeals/${appeal.id}?done=attachments`)).text;
    expect(listed).toContain(az.t('attachments.uploaded'));
    const link = new RegExp(`href="(/office/appeals/${appeal.id}/attachments/[0-9a-f-]{36})">cavab\\.pdf</a>`).exec(listed)?.[1];
    expect(link).toBeDefined();
    expect(listed).toContain(az.t('history.attachmentAdded', { size: az.t('attachments.size', { kb: 1 }) }));
    const file = await office.download(link!);
    expect(file.status).toBe(200);
    expect(file.body.equals(PDF)).toBe(true);

    // Another agency's official: neither the upload nor the download (404, as for a missing case).
    const other = await web(stranger);
    await other.get('/office');
    const refused = await other.postMultipart(
      `/office/appeals/${appeal.id}/attachments`,
      {},
      {
        file: { content: PDF, fileName: 'x.pdf', contentType: 'application/pdf' },
      },
    );
    expect(refused.status).toBe(404);
    expect((await other.download(link!)).status).toBe(404);

    // A confidential appeal's documents are for its executor (appeals-rules.md 16): no form for another official.
    const secret = await paper({ confidential: true });
    const notExecutor = await web(official);
    const secretPage = (await notExecutor.get(`/office/appeals/${secret.id}`)).text;
    expect(postForms(secretPage)).not.toContain('attachments');
    expect(secretPage).toContain(az.t('attachments.hidden'));
    const sneaked = await notExecutor.postMultipart(
      `/office/appeals/${secret.id}/attachments`,
      {},
      {
        file: { content: PDF, fileName: 'x.pdf', contentType: 'application/pdf' },
      },
    );
    expect(sneaked.status).toBe(404);
  });

  it('tells the history in words, with who acted, and no raw code on the page', async () => {
    const appeal = await paper();
    await assign(appeal.id, executor);
    const supervisor = await actors.staff('supervisor', 'CABMIN');
    await t.http
      .post(`/api/v1/appeals/${appeal.id}/control`)
      .set(supervisor.auth)
      .expect((r) => expect(r.status).toBeLessThan(300));
    const { version } = await stored(appeal.id);
    await t.http
      .post(`/api/v1/appeals/${appeal.id}/referral`)
      .set(executor.auth)
      .send({ toAgencyId: await actors.agencyId('MYS'), note: 'Gənclər məsələsidir', version })
      .expect(200);
    const page = (await (await web(registrar)).get(`/office/appeals/${appeal.id}`)).text;
    const text = visibleText(page);
    expect(text).not.toMatch(/[a-z]_[a-z]/);
    for (const code of ['additional_study', 'placed_under_control', 'referral_due', 'registered', 'assigned'])
      expect(text).not.toContain(code);
    expect(page).toContain(az.t('history.assigned', { executor: 'Test official' }));
    expect(page).toContain(`${az.t('history.referred', { agencies: 'Gənclər və İdman Nazirliyi' })}: <q>Gənclər məsələsidir</q>`);
    expect(page).toContain(az.t('history.placedUnderControl', { agency: 'Nazirlər Kabineti' }));
    // Who acted: the viewer themselves, or staff by name and role.
    expect(page).toContain(
      `${az.t('history.assigned', { executor: 'Test official' })}</span> <span class="actor">— ${az.t('history.actor.you')}`,
    );
    const asOfficial = (await (await web(official)).get(`/office/appeals/${appeal.id}`)).text;
    expect(asOfficial).toContain(`— ${az.t('history.actor.named', { name: 'Test registrar', role: 'Qeydiyyatçı' })}`);
    expect(visibleText(asOfficial)).not.toMatch(/[a-z]_[a-z]/);
  });
});
