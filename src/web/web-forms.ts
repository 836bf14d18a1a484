import { SetMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../platform/errors/domain-error';
import { assertNoNul } from '../platform/http/input-guards';
import { SpooledFile, SpoolLimits, UploadSpool } from '../platform/http/upload-spool';
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

/** A read multipart form: its fields and its files, received to disk; `discard` removes the files. */
export interface MultipartFormData {
  readonly fields: FormFields;
  readonly files: readonly SpooledFile[];
  discard(): Promise<void>;
}

/**
 * Reads a multipart form and checks its CSRF token before anything in it is used: the token field
 * comes first in every form, so the files of a forged post are never read. Files stream to disk
 * under `limits` (each file, all files, how many), never into memory; a file past a limit is a
 * field error at the file input. The caller discards the files in a `finally`.
 */
export async function readMultipart(request: FastifyRequest, session: WebSession, limits: SpoolLimits): Promise<MultipartFormData> {
  if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the form as multipart/form-data.');
  const fields: FormFields = Object.create(null) as FormFields;
  const spool = new UploadSpool();
  try {
    const parts = request.parts({
      limits: { fieldSize: 64 * 1024, fields: 120, files: limits.maxFiles + 1, fileSize: limits.maxFileBytes + 1, parts: 130 },
    });
    let tokenChecked = false;
    for await (const part of parts) {
      if (part.type === 'file') {
        if (!tokenChecked) session.assertCsrf(request, fields[CSRF_FIELD]);
        tokenChecked = true;
        await spool.add(part, limits);
      } else {
        const value = String(part.value);
        const existing = fields[part.fieldname];
        fields[part.fieldname] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
      }
    }
    session.assertCsrf(request, fields[CSRF_FIELD]);
    assertNoNul(fields);
    return { fields, files: spool.files, discard: () => spool.discard() };
  } catch (error) {
    await spool.discard();
    throw error;
  }
}

/**
 * The same DTO classes and rules as the API's global ValidationPipe, applied to a form: a page
 * never accepts what the API would refuse. Throws the API's VALIDATION_FAILED with field errors.
 */
export async function validated<T extends object>(type: new () => T, plain: object): Promise<T> {
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'The form does not satisfy the rules; see the fields marked.',
      flattenValidationErrors(errors, '', true),
    );
  }
  return instance;
}
