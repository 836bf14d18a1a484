import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface StreamedFile {
  readonly fileName: string;
  readonly contentType: string;
  /** The file's first bytes (a signature); the rest is filler up to `sizeBytes`. */
  readonly head: Buffer;
  readonly sizeBytes: number;
}

export interface StreamedUploadResult {
  readonly status: number;
  readonly body: { code?: string; items?: unknown[]; [key: string]: unknown };
  readonly headers: Record<string, string | string[] | undefined>;
  /** Body bytes the client had handed to the socket when the answer arrived. */
  readonly bytesSentAtResponse: number;
  readonly totalBytes: number;
}

const FILLER = Buffer.alloc(64 * 1024, 0x20);

/**
 * A client that uploads multipart/form-data generated on the fly, with backpressure, so that a
 * test can send hundreds of MiB without holding them: it measures the server, not itself. It stops
 * sending when the answer arrives (as a browser does), and reports how much it had sent by then.
 */
export function streamMultipart(
  url: string,
  headers: Record<string, string>,
  files: readonly StreamedFile[],
  fields: Readonly<Record<string, string>> = {},
): Promise<StreamedUploadResult> {
  const boundary = `----emtest${randomBytes(8).toString('hex')}`;
  const fieldParts = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  const fileHeader = (file: StreamedFile) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
    );
  const closing = Buffer.from(`--${boundary}--\r\n`);
  const totalBytes =
    fieldParts.reduce((sum, part) => sum + part.length, 0) +
    files.reduce((sum, file) => sum + fileHeader(file).length + file.sizeBytes + 2, 0) +
    closing.length;

  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(totalBytes) },
    });
    req.on('response', (res) => {
      answered = true;
      const bytesSentAtResponse = sent;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: StreamedUploadResult['body'];
        try {
          body = JSON.parse(text) as StreamedUploadResult['body'];
        } catch {
          body = { text };
        }
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers, bytesSentAtResponse, totalBytes });
        req.destroy();
      });
    });
    // Once the server has answered and closed, the rest of the body cannot be written: expected.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });

    const write = async (chunk: Buffer): Promise<boolean> => {
      if (answered || req.destroyed) return false;
      sent += chunk.length;
      if (!req.write(chunk)) {
        await new Promise<void>((done) => {
          const finish = () => {
            req.off('drain', finish);
            req.off('close', finish);
            done();
          };
          req.once('drain', finish);
          req.once('close', finish);
        });
      }
      return !answered && !req.destroyed;
    };

    void (async () => {
      for (const part of fieldParts) if (!(await write(part))) return;
      for (const file of files) {
        if (!(await write(fileHeader(file)))) return;
        if (!(await write(file.head))) return;
        let left = file.sizeBytes - file.head.length;
        while (left > 0) {
          const piece = left >= FILLER.length ? FILLER : FILLER.subarray(0, left);
          if (!(await write(piece))) return;
          left -= piece.length;
        }
        if (!(await write(Buffer.from('\r\n')))) return;
      }
      if (await write(closing)) req.end();
    })().catch(reject);
  });
}
