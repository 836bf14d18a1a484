import { createHash } from 'node:crypto';
import { Actors, TestUser } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512, 1)]);

describe('attachments (e2e)', () => {
  let t: TestApp;
  let actors: Actors;
  let citizen: TestUser;
  let appealId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ATTACHMENT_MAX_BYTES: '65536', ATTACHMENTS_PER_APPEAL_MAX_BYTES: '131072' } });
    actors = new Actors(t);
    citizen = await actors.citizen();
    const body = {
      type: 'application',
      agencyId: await actors.agencyId('MIA'),
      subject: 'Şəxsiyyət vəsiqəsi',
      text: 'Şəxsiyyət vəsiqəmin dəyişdirilməsini xahiş edirəm, sənədlər əlavə olunur.',
      applicant: { kind: 'natural', fullName: 'Kərimov Rauf', address: 'Sumqayıt' },
    };
    appealId = (await t.http.post('/api/v1/appeals').set(citizen.auth).send(body).expect(201)).body.id;
  });

  afterAll(() => t.close());

  it('stores scanned documents with their SHA-256 and serves them back to who may see the case', async () => {
    const upload = await t.http
      .post(`/api/v1/appeals/${appealId}/attachments`)
      .set(citizen.auth)
      .attach('file', PDF, { filename: '../../etc/passport scan.pdf', contentType: 'application/pdf' })
      .attach('file', PNG, { filename: 'photo.png', contentType: 'image/png' })
      .expect(201);
    expect(upload.body.items).toHaveLength(2);
    const [pdf] = upload.body.items;
    expect(pdf).toMatchObject({ fileName: 'passport scan.pdf', contentType: 'application/pdf', sizeBytes: PDF.length });
    expect(pdf.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));

    const download = await t.http
      .get(`/api/v1/appeals/${appealId}/attachments/${pdf.id}`)
      .set(citizen.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);

    const detail = (await t.http.get(`/api/v1/appeals/${appealId}`).set(citizen.auth).expect(200)).body;
    expect(detail.attachments.map((a: { id: string }) => a.id)).toContain(pdf.id);
    const events = (await t.http.get(`/api/v1/appeals/${appealId}/events`).set(citizen.auth).expect(200)).body.items;
    expect(events.filter((e: { type: string }) => e.type === 'attachment_added')).toHaveLength(2);

    const stranger = await actors.citizen();
    await t.http.get(`/api/v1/appeals/${appealId}/attachments/${pdf.id}`).set(stranger.auth).expect(404);
    // A scanned letter names its author: documents go with the identity (appeals-rules.md 18), to the
    // agency's registrars and the executor, not to any official of the agency.
    const registrar = await actors.staff('registrar', 'MIA');
    await t.http.get(`/api/v1/appeals/${appealId}/attachments/${pdf.id}`).set(registrar.auth).expect(200);
    const official = await actors.staff('official', 'MIA');
    await t.http.get(`/api/v1/appeals/${appealId}/attachments/${pdf.id}`).set(official.auth).expect(404);
  });

  it('refuses content that is not what it claims, or not a PDF, JPEG or PNG', async () => {
    const disguised = await t.http
      .post(`/api/v1/appeals/${appealId}/attachments`)
      .set(citizen.auth)
      .attach('file', PNG, { filename: 'scan.pdf', contentType: 'application/pdf' })
      .expect(422);
    expect(disguised.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const script = await t.http
      .post(`/api/v1/appeals/${appealId}/attachments`)
      .set(citizen.auth)
      .attach('file', Buffer.from('<script>alert(1)</script>'), { filename: 'x.html', contentType: 'text/html' })
      .expect(422);
    expect(script.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it('enforces the size limits per file and per appeal, storing nothing of a refused upload', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(70_000, 0x20)]);
    const tooBig = await t.http
      .post(`/api/v1/appeals/${appealId}/attachments`)
      .set(citizen.auth)
      .attach('file', big, { filename: 'big.pdf', contentType: 'application/pdf' })
      .expect(413);
    expect(tooBig.body.code).toBe('ATTACHMENT_TOO_LARGE');

    const before = (await t.http.get(`/api/v1/appeals/${appealId}`).set(citizen.auth).expect(200)).body.attachments.length;
    const chunk = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(65_000, 0x20)]);
    const overTotal = await t.http
      .post(`/api/v1/appeals/${appealId}/attachments`)
      .set(citizen.auth)
      .attach('file', chunk, { filename: 'a.pdf', contentType: 'application/pdf' })
      .attach('file', chunk, { filename: 'b.pdf', contentType: 'application/pdf' })
      .expect(413);
    expect(overTotal.body.code).toBe('ATTACHMENT_TOO_LARGE');
    const after = (await t.http.get(`/api/v1/appeals/${appealId}`).set(citizen.auth).expect(200)).body.attachments.length;
    expect(after).toBe(before);
  });

  it('asks for multipart/form-data', async () => {
    const response = await t.http.post(`/api/v1/appeals/${appealId}/attachments`).set(citizen.auth).send({ file: 'x' }).expect(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
