import { createHash } from 'node:crypto';
import { createWriteStream, WriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';

/** A file part of a multipart body as @fastify/multipart hands it over, streaming. */
export interface UploadPart {
  readonly filename: string;
  readonly mimetype: string;
  readonly file: AsyncIterable<Buffer> & { readonly truncated?: boolean };
}

/** A received file: on disk, with what was learnt while it streamed in. */
export interface SpooledFile {
  readonly fileName: string;
  readonly declaredType: string;
  readonly path: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  /** The first bytes, for the type check (file signatures are at most 8 bytes). */
  readonly head: Buffer;
}

export interface SpoolLimits {
  /** Files this request may still add. */
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  /** All files of the request together. */
  readonly maxTotalBytes: number;
  /** The field errors name (the form's file input). */
  readonly field: string;
  readonly tooLarge: ErrorCode;
  readonly tooMany: ErrorCode;
}

const HEAD_BYTES = 16;

/**
 * Uploads are counted while they stream and written to a private temporary directory, never held
 * in memory: a request stops at the first byte past a limit (each file, the request's total, the
 * number of files), and what was accepted is read back one file at a time when it is stored. So
 * four clients sending 20 x 10 MiB each cost disk, not 800 MB of memory (docs/architecture.md "Security").
 * The owner calls discard() in a `finally`.
 */
export class UploadSpool {
  readonly files: SpooledFile[] = [];
  private dir?: Promise<string>;
  private totalBytes = 0;
  private parts = 0;

  /** Streams one part to disk under the limits; an empty part (a blank file input) is skipped. */
  async add(part: UploadPart, limits: SpoolLimits): Promise<void> {
    if (this.files.length >= limits.maxFiles) {
      throw DomainError.field(limits.tooMany, limits.field, `At most ${limits.maxFiles} more file(s) may be added.`);
    }
    const path = join(await this.directory(), `part-${this.parts++}`);
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    try {
      for await (const chunk of part.file) {
        size += chunk.length;
        this.totalBytes += chunk.length;
        if (size > limits.maxFileBytes) throw this.tooLarge(limits, `Each file may be at most ${limits.maxFileBytes} bytes.`);
        if (this.totalBytes > limits.maxTotalBytes) {
          throw this.tooLarge(limits, `The files may total at most ${limits.maxTotalBytes} bytes here.`);
        }
        if (headLength < HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        hash.update(chunk);
        if (!out.write(chunk)) await drained(out);
      }
      // Busboy stops a file at its own fileSize limit and marks it truncated.
      if (part.file.truncated) throw this.tooLarge(limits, `Each file may be at most ${limits.maxFileBytes} bytes.`);
      out.end();
      await finished(out);
    } catch (error) {
      out.destroy();
      throw error;
    }
    if (size === 0 && part.filename === '') return;
    this.files.push({
      fileName: part.filename,
      declaredType: part.mimetype,
      path,
      sizeBytes: size,
      sha256: hash.digest('hex'),
      head: Buffer.concat(headChunks),
    });
  }

  /** Removes every received file. */
  async discard(): Promise<void> {
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }

  private directory(): Promise<string> {
    this.dir ??= mkdtemp(join(tmpdir(), 'emuraciet-upload-'));
    return this.dir;
  }

  private tooLarge(limits: SpoolLimits, message: string): DomainError {
    return DomainError.field(limits.tooLarge, limits.field, message);
  }
}

/** A spooled file's bytes (at most one file's limit in memory). */
export function readSpooled(file: SpooledFile): Promise<Buffer> {
  return readFile(file.path);
}

function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      reject(error);
    };
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}
