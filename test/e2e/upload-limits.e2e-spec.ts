import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Actors, TestUser } from '../support/actors';
import { streamMultipart, StreamedFile } from '../support/multipart-stream';
import { startTestApp, TestApp } from '../support/test-app';

const MiB = 1024 * 1024;
const PDF_HEAD = Buffer.from('%PDF-1.4\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512, 1)]);

function pdfs(count: number, sizeBytes: number): StreamedFile[] {
  return Array.from({ length: count }, (_, i) => ({
    fileName: `scan-${i}.pdf`,
    contentType: 'application/pdf',
    head: PDF_HEAD,
    sizeBytes,
  }));
}

/** Spool directories left by a run killed mid-upload (another process) are not this run's to judge. */
const foreign = new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('emuraciet-upload-')));

function spooledDirectories(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('emuraciet-upload-') && !foreign.has(name));
}

/**
 * Uploads are limited while they stream (issue 13): the limits of the shipped configuration
 * (10 MiB a file, 25 MiB and 20 files an appeal), checked before the body is read whole.
 */
describe('upload limits (e2e)', () => {
  let t: TestApp;
  let actors: Actors;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    actors = new Actors(t);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => t.close());

  async function appealOf(citizen: TestUser): Promise<{ id: string; version: number }> {
    const body = {
      type: 'application',
      agencyId: await actors.agencyId('MIA'),
      subject: 'Sənədlərin qəbulu',
      text: 'Sənədlərimin surətlərini əlavə edirəm, baxılmasını xahiş edirəm.',
      applicant: { kind: 'natural', fullName: 'Kərimov Rauf', address: 'Sumqayıt' },
    };
    return (await t.http.post('/api/v1/appeals').set(citizen.auth).send(body).expect(201)).body;
  }

  async function attachmentCount(citizen: TestUser, appealId: string): Promise<number> {
    return (await t.http.get(`/api/v1/appeals/${appealId}`).set(citizen.auth).expect(200)).body.attachments.length;
  }

  it('refuses 20 x 10 MiB at the appeal total while it streams, stores nothing and keeps no file', async () => {
    const citizen = await actors.citizen();
    const appeal = await appealOf(citizen);
    const result = await streamMultipart(`${base}/api/v1/appeals/${appeal.id}/attachments`, citizen.auth, pdfs(20, 10 * MiB));
    expect(result.status).toBe(413);
    expect(result.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(result.headers.connection).toBe('close');
    // Answered after about 25 MiB of the 200: the rest was never waited for.
    expect(result.bytesSentAtResponse).toBeLessThan(60 * MiB);
    expect(result.totalBytes).toBeGreaterThan(200 * MiB);
    expect(await attachmentCount(citizen, appeal.id)).toBe(0);
    expect(spooledDirectories()).toEqual([]);
  });

  it('refuses a file over 10 MiB as it arrives, and counts what the appeal already holds', async () => {
    const citizen = await actors.citizen();
    const appeal = await appealOf(citizen);
    const big = await streamMultipart(`${base}/api/v1/appeals/${appeal.id}/attachments`, citizen.auth, pdfs(1, 40 * MiB));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(big.bytesSentAtResponse).toBeLessThan(30 * MiB);

    // 2 x 10 MiB fit (20 of 25 MiB); then 6 MiB more does not.
    const two = await streamMultipart(`${base}/api/v1/appeals/${appeal.id}/attachments`, citizen.auth, pdfs(2, 10 * MiB));
    expect(two.status).toBe(201);
    expect(two.body.items).toHaveLength(2);
    const more = await streamMultipart(`${base}/api/v1/appeals/${appeal.id}/attachments`, citizen.auth, pdfs(1, 6 * MiB));
    expect(more.status).toBe(413);
    expect(await attachmentCount(citizen, appeal.id)).toBe(2);
    expect(spooledDirectories()).toEqual([]);
  });

  it('refuses the 21st file of an appeal and too many parts, with 4xx codes, never 5xx', async () => {
    const citizen = await actors.citizen();
    const appeal = await appealOf(citizen);
    const tooMany = await streamMultipart(`${base}/api/v1/appeals/${appeal.id}/attachments`, citizen.auth, pdfs(21, 1024));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.code).toBe('ATTACHMENT_LIMIT_REACHED');
    const fifteen = await streamMultipart(`${base}/api/v1/appeals/${appeal.id}/attachments`, citizen.auth, pdfs(15, 1024));
    expect(fifteen.status).toBe(201);
    const sixMore = await streamMultipart(`${base}/api/v1/appeals/${appeal.id}/attachments`, citizen.auth, pdfs(6, 1024));
    expect(sixMore.status).toBe(422);
    expect(sixMore.body.code).toBe('ATTACHMENT_LIMIT_REACHED');
    expect(await attachmentCount(citizen, appeal.id)).toBe(15);

    const fields = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, 'x']));
    const parts = await streamMultipart(`${base}/api/v1/appeals/${appeal.id}/attachments`, citizen.auth, pdfs(1, 1024), fields);
    expect(parts.status).toBeGreaterThanOrEqual(400);
    expect(parts.status).toBeLessThan(500);
  });

  it('checks who asks before reading: a stranger and a signed-out caller are refused without the body being read', async () => {
    const citizen = await actors.citizen();
    const appeal = await appealOf(citizen);
    const stranger = await actors.citizen();
    const refused = await streamMultipart(`${base}/api/v1/appeals/${appeal.id}/attachments`, stranger.auth, pdfs(20, 10 * MiB));
    expect(refused.status).toBe(404);
    expect(refused.bytesSentAtResponse).toBeLessThan(20 * MiB);
    const anonymous = await streamMultipart(`${base}/api/v1/appeals/${appeal.id}/attachments`, {}, pdfs(20, 10 * MiB));
    expect(anonymous.status).toBe(401);
    expect(await attachmentCount(citizen, appeal.id)).toBe(0);
  });

  it('refuses documents for a closed case, whoever sends them', async () => {
    const citizen = await actors.citizen();
    const appeal = await appealOf(citizen);
    await t.http.post(`/api/v1/appeals/${appeal.id}/withdrawal`).set(citizen.auth).expect(200);
    const late = await t.http
      .post(`/api/v1/appeals/${appeal.id}/attachments`)
      .set(citizen.auth)
      .attach('file', PNG, { filename: 'late.png', contentType: 'image/png' })
      .expect(422);
    expect(late.body.code).toBe('APPEAL_CLOSED');
    const official = await actors.staff('official', 'MIA');
    const staff = await t.http
      .post(`/api/v1/appeals/${appeal.id}/attachments`)
      .set(official.auth)
      .attach('file', PNG, { filename: 'late.png', contentType: 'image/png' })
      .expect(422);
    expect(staff.body.code).toBe('APPEAL_CLOSED');
    expect(await attachmentCount(citizen, appeal.id)).toBe(0);
  });

  it('stores the name with the extension of the detected type and without bidi or control characters', async () => {
    const citizen = await actors.citizen();
    const appeal = await appealOf(citizen);
    const upload = await t.http
      .post(`/api/v1/appeals/${appeal.id}/attachments`)
      .set(citizen.auth)
      // "photo\u202Egnp.exe" shows as "photoexe.png" where bidi is honoured; the bytes are a PNG.
      .attach('file', PNG, { filename: 'photo\u202egnp.exe', contentType: 'application/octet-stream' })
      .attach('file', PNG, { filename: 'skan\u200f\u2066.pdf', contentType: 'image/png' })
      .expect(201);
    expect(upload.body.items.map((item: { fileName: string }) => item.fileName)).toEqual(['photognp.png', 'skan.png']);
    const download = await t.http.get(`/api/v1/appeals/${appeal.id}/attachments/${upload.body.items[0].id}`).set(citizen.auth).expect(200);
    expect(download.headers['content-disposition']).toBe("attachment; filename*=UTF-8''photognp.png");
    expect(download.headers['content-type']).toBe('image/png');
  });
});
