import { SetMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { IncomingFile } from '../appeals/attachments.service';
import { DomainError } from '../platform/errors/domain-error';
import { flattenValidationErrors } from '../platform/http/validation';
import { FormFields } from './web-http';
import { CSRF_FIELD, WebSession } from './web-session';

/** Marks a page POST that takes multipart/form-data (file uploads); its handler reads it with readMultipart. */
export const MULTIPART_FORM = 'web:multipart-form';
export const MultipartForm = () => SetMetadata(MULTIPART_FORM, true);

/** The first value of a field, trimmed; repeated fields and absent ones read as ''. */
export function text(fields: FormFields, name: string): string {
  const value = fields[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** All values of a repeated field (a multi-select), without blanks. */
export function list(fields: FormFields, name: string): string[] {
  const value = fields[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim()).filter(Boolean);
}

/** Blank optional fields are absent, as in a JSON body that leaves them out. */
export function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

export function urlencoded(request: FastifyRequest): FormFields {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as FormFields) : {};
}

/** Limits of a multipart form (new appeal, spreadsheet upload): text fields as large as the DTO allows, a few files. */
export interface MultipartLimits {
  readonly files: number;
  readonly fileSize: number;
  /** The file input's name, where a too-large file is reported ("files" unless told). */
  readonly field?: string;
}

/**
 * Reads a multipart form and checks its CSRF token before anything in it is used. Files beyond
 * the size limit are refused as a field error, not a 413 page.
 */
export async function readMultipart(
  request: FastifyRequest,
  session: WebSession,
  limits: MultipartLimits,
): Promise<{ fields: FormFields; files: IncomingFile[] }> {
  if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the form as multipart/form-data.');
  const fields: FormFields = Object.create(null) as FormFields;
  const files: IncomingFile[] = [];
  const parts = request.parts({ limits: { fieldSize: 64 * 1024, fields: 120, files: limits.files, fileSize: limits.fileSize, parts: 130 } });
  for await (const part of parts) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      // An empty file input still sends a part with no name and no bytes.
      if (part.filename === '' && content.length === 0) continue;
      if (part.file.truncated) throw DomainError.field('ATTACHMENT_TOO_LARGE', limits.field ?? 'files', `Each file may be at most ${limits.fileSize} bytes.`);
      files.push({ fileName: part.filename, declaredType: part.mimetype, content });
    } else {
      const value = String(part.value);
      const existing = fields[part.fieldname];
      fields[part.fieldname] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  session.assertCsrf(request, fields[CSRF_FIELD]);
  return { fields, files };
}

/**
 * The same DTO classes and rules as the API's global ValidationPipe, applied to a form: a page
 * never accepts what the API would refuse. Throws the API's VALIDATION_FAILED with field errors.
 */
export async function validated<T extends object>(type: new () => T, plain: object): Promise<T> {
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: false, validationError: { target: false, value: false } });
  if (errors.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'The form does not satisfy the rules; see the fields marked.', flattenValidationErrors(errors, '', true));
  }
  return instance;
}
