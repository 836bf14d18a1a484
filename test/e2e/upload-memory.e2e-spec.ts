import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Actors, TestUser } from '../support/actors';
import { streamMultipart, StreamedFile } from '../support/multipart-stream';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 13's memory proof: 4 parallel uploads of 20 x 10 MiB keep the process under +150 MB RSS.
 *
 * Measured in this jest process, which runs the app and the clients (the clients generate their
 * bodies on the fly and hold a 64 KiB buffer): the kernel's own peak (VmHWM, reset through
 * /proc/self/clear_refs before the uploads) against the RSS just before, so no short peak between
 * two samples is missed. Where the reset is not allowed, RSS is sampled every 2 ms instead.
 * The figures go to test-output/upload-memory.json.
 *
 * Twice: with the shipped limits (each upload is refused at the appeal's 25 MiB), and with the
 * appeal limit raised to 500 MiB so that all 800 MiB stream through the server (spooled to disk,
 * each request's 20th file refused by its type afterwards, so the database is spared 800 MiB).
 */
jest.setTimeout(180_000);

const MiB = 1024 * 1024;
const LIMIT_BYTES = 150 * 1000 * 1000;
const PDF_HEAD = Buffer.from('%PDF-1.4\n');
const GIF_HEAD = Buffer.from('GIF89a');

function status(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Runs `work` and returns the highest RSS above the RSS before it. */
async function peakGrowth(work: () => Promise<unknown>): Promise<{ before: number; peak: number; method: string }> {
  const before = status('VmRSS');
  const kernel = resetPeak();
  let sampled = before;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, status('VmRSS'));
  }, 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const peak = Math.max(sampled, kernel ? status('VmHWM') : 0);
  return { before, peak, method: kernel ? 'VmHWM' : 'sampled' };
}

describe('upload memory (e2e)', () => {
  const results: Record<string, unknown> = {};

  afterAll(() => {
    mkdirSync(join(__dirname, '..', '..', 'test-output'), { recursive: true });
    writeFileSync(join(__dirname, '..', '..', 'test-output', 'upload-memory.json'), `${JSON.stringify(results, null, 2)}\n`);
  });

  async function scenario(name: string, env: Record<string, string>, files: StreamedFile[], expected: { status: number; code: string }) {
    const t: TestApp = await startTestApp({ env });
    try {
      const actors = new Actors(t);
      await t.app.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
      const citizens: TestUser[] = [];
      const appealIds: string[] = [];
      // Four to measure, a fifth to warm up on.
      for (let i = 0; i < 5; i++) {
        const citizen = await actors.citizen();
        const body = {
          type: 'application',
          agencyId: await actors.agencyId('MIA'),
          subject: 'Sənədlər',
          text: 'Sənədlərimin surətlərini əlavə edirəm, baxılmasını xahiş edirəm.',
          applicant: { kind: 'natural', fullName: 'Kərimov Rauf', address: 'Sumqayıt' },
        };
        appealIds.push((await t.http.post('/api/v1/appeals').set(citizen.auth).send(body).expect(201)).body.id);
        citizens.push(citizen);
      }
      // One small upload first, so the code paths are loaded before measuring.
      const warm = await streamMultipart(`${base}/api/v1/appeals/${appealIds[4]}/attachments`, citizens[4].auth, [
        { fileName: 'warm.pdf', contentType: 'application/pdf', head: PDF_HEAD, sizeBytes: 64 * 1024 },
      ]);
      expect(warm.status).toBe(201);

      let answers: Awaited<ReturnType<typeof streamMultipart>>[] = [];
      const started = Date.now();
      const memory = await peakGrowth(async () => {
        answers = await Promise.all(
          citizens
            .slice(0, 4)
            .map((citizen, i) => streamMultipart(`${base}/api/v1/appeals/${appealIds[i]}/attachments`, citizen.auth, files)),
        );
      });
      const growth = memory.peak - memory.before;
      results[name] = {
        uploads: 4,
        filesEach: files.length,
        mibEach: Math.round(files.reduce((sum, f) => sum + f.sizeBytes, 0) / MiB),
        mibReadByServer: Math.round(answers.reduce((sum, a) => sum + a.bytesSentAtResponse, 0) / MiB),
        rssBeforeMB: Math.round(memory.before / 1e6),
        peakGrowthMB: Math.round(growth / 1e6),
        method: memory.method,
        seconds: (Date.now() - started) / 1000,
      };
      for (const answer of answers)
        expect(answer).toMatchObject({ status: expected.status, body: expect.objectContaining({ code: expected.code }) });
      expect(growth).toBeLessThan(LIMIT_BYTES);
      return answers;
    } finally {
      await t.close();
    }
  }

  it('stays under +150 MB when 4 uploads of 20 x 10 MiB are refused at the appeal limit', async () => {
    const files = Array.from({ length: 20 }, (_, i) => ({
      fileName: `scan-${i}.pdf`,
      contentType: 'application/pdf',
      head: PDF_HEAD,
      sizeBytes: 10 * MiB,
    }));
    const answers = await scenario('shipped limits', {}, files, { status: 413, code: 'ATTACHMENT_TOO_LARGE' });
    for (const answer of answers) expect(answer.bytesSentAtResponse).toBeLessThan(60 * MiB);
  });

  it('stays under +150 MB when all 4 x 200 MiB stream through the server', async () => {
    const files = Array.from({ length: 20 }, (_, i) =>
      i < 19
        ? { fileName: `scan-${i}.pdf`, contentType: 'application/pdf', head: PDF_HEAD, sizeBytes: 10 * MiB }
        : { fileName: 'last.gif', contentType: 'image/gif', head: GIF_HEAD, sizeBytes: 10 * MiB },
    );
    const answers = await scenario('appeal limit 500 MiB', { ATTACHMENTS_PER_APPEAL_MAX_BYTES: String(500 * MiB) }, files, {
      status: 422,
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
    });
    for (const answer of answers) expect(answer.bytesSentAtResponse).toBe(answer.totalBytes);
  });
});
