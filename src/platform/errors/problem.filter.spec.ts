import { ForbiddenException, HttpException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, NotFoundError } from './domain-error';
import { ERROR_CODES, ErrorCode } from './error-codes';
import { ProblemFilter } from './problem.filter';

const CORRELATION_ID = 'req-7f3a';
const filter = new ProblemFilter();

/** An error shaped like the ones Fastify raises before a handler runs. */
function fastifyError(code: string | undefined, statusCode: number | undefined, message: string): Error {
  return Object.assign(new Error(message), { code, statusCode });
}

describe('ProblemFilter#toProblem: domain errors', () => {
  it('maps a DomainError to its status, with the field errors and the correlation id', () => {
    const error = new DomainError('APPEAL_ANONYMOUS', 'Anonymous appeals are not considered.', [
      { field: 'applicant', message: 'Give your name and address or a contact.' },
    ]);
    expect(filter.toProblem(error, CORRELATION_ID)).toEqual({
      type: 'https://e-muraciet.gov.az/problems/appeal-anonymous',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'Anonymous appeals are not considered.',
      code: 'APPEAL_ANONYMOUS',
      errors: [{ field: 'applicant', message: 'Give your name and address or a contact.' }],
      correlationId: CORRELATION_ID,
    });
  });

  it.each(Object.keys(ERROR_CODES) as ErrorCode[])('maps the code %s to the status ERROR_CODES gives it, with a known title', (code) => {
    const problem = filter.toProblem(new DomainError(code, 'x'), CORRELATION_ID);
    expect(problem.status).toBe(ERROR_CODES[code]);
    expect(problem.code).toBe(code);
    expect(problem.title).not.toBe('Error');
    expect(problem.errors).toEqual([]);
  });

  it('maps a NotFoundError for an invisible case to 404 with its own code', () => {
    const problem = filter.toProblem(new NotFoundError('APPEAL_NOT_FOUND', 'The appeal'), CORRELATION_ID);
    expect(problem).toMatchObject({ status: 404, code: 'APPEAL_NOT_FOUND', detail: 'The appeal was not found.', errors: [] });
  });

  it('copies the field errors rather than sharing the error object array', () => {
    const error = DomainError.field('VALIDATION_FAILED', 'agencyId', 'Unknown agency.');
    const problem = filter.toProblem(error, CORRELATION_ID);
    expect(problem.errors).toEqual([{ field: 'agencyId', message: 'Unknown agency.' }]);
    expect(problem.errors).not.toBe(error.errors);
  });
});

describe('ProblemFilter#toProblem: unexpected errors', () => {
  it('maps an unknown Error to 500 INTERNAL_ERROR without leaking its message', () => {
    const problem = filter.toProblem(new Error('password authentication failed for user "app" at 10.0.0.5'), CORRELATION_ID);
    expect(problem).toMatchObject({
      status: 500,
      code: 'INTERNAL_ERROR',
      title: 'Internal Server Error',
      errors: [],
      correlationId: CORRELATION_ID,
    });
    expect(problem.detail).not.toContain('password');
    expect(problem.detail).not.toContain('10.0.0.5');
  });

  it('does not leak the message of an error with an unknown code and no status', () => {
    const problem = filter.toProblem(
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
      CORRELATION_ID,
    );
    expect(problem.status).toBe(500);
    expect(problem.code).toBe('INTERNAL_ERROR');
    expect(problem.detail).not.toContain('ECONNREFUSED');
  });

  it('does not leak the message of an error that carries a 5xx status code', () => {
    const problem = filter.toProblem(fastifyError(undefined, 502, 'upstream 10.0.0.5 failed'), CORRELATION_ID);
    expect(problem.status).toBe(500);
    expect(problem.code).toBe('INTERNAL_ERROR');
    expect(problem.detail).not.toContain('10.0.0.5');
  });

  it.each<[string, unknown]>([
    ['a string', 'boom'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
  ])('maps a thrown %s to 500 INTERNAL_ERROR', (_label, thrown) => {
    expect(filter.toProblem(thrown, CORRELATION_ID)).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', correlationId: CORRELATION_ID });
  });
});

describe('ProblemFilter#toProblem: Fastify errors', () => {
  it('maps FST_ERR_CTP_BODY_TOO_LARGE to 413 PAYLOAD_TOO_LARGE', () => {
    const problem = filter.toProblem(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413, 'Request body is too large'), CORRELATION_ID);
    expect(problem).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      title: 'Payload Too Large',
      detail: 'Request body is too large',
    });
  });

  it('maps a bare object with the body-too-large code to 413', () => {
    const problem = filter.toProblem({ code: 'FST_ERR_CTP_BODY_TOO_LARGE' }, CORRELATION_ID);
    expect(problem.status).toBe(413);
    expect(problem.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it.each<[string, number, ErrorCode]>([
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'MALFORMED_REQUEST'],
    ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 'MALFORMED_REQUEST'],
    ['FST_INVALID_MULTIPART_CONTENT_TYPE', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['FST_REQ_FILE_TOO_LARGE', 413, 'ATTACHMENT_TOO_LARGE'],
    ['FST_FILES_LIMIT', 422, 'ATTACHMENT_LIMIT_REACHED'],
    ['FST_PARTS_LIMIT', 422, 'ATTACHMENT_LIMIT_REACHED'],
  ])('maps %s to %i %s', (code, status, problemCode) => {
    const problem = filter.toProblem(fastifyError(code, status, 'fastify says no'), CORRELATION_ID);
    expect(problem.status).toBe(status);
    expect(problem.code).toBe(problemCode);
  });

  it('maps an error with statusCode 400 (a JSON syntax error) to 400 MALFORMED_REQUEST', () => {
    const problem = filter.toProblem(fastifyError(undefined, 400, 'Unexpected token } in JSON at position 12'), CORRELATION_ID);
    expect(problem).toMatchObject({
      status: 400,
      code: 'MALFORMED_REQUEST',
      title: 'Bad Request',
      detail: 'Unexpected token } in JSON at position 12',
      errors: [],
      correlationId: CORRELATION_ID,
    });
  });

  it('maps a bare object with statusCode 400 to 400 MALFORMED_REQUEST', () => {
    expect(filter.toProblem({ statusCode: 400 }, CORRELATION_ID)).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
  });

  it('maps an unlisted Fastify code with a 4xx status by its status', () => {
    const problem = filter.toProblem(fastifyError('FST_ERR_SOMETHING_NEW', 415, 'Unsupported'), CORRELATION_ID);
    expect(problem).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});

describe('ProblemFilter#toProblem: Nest exceptions', () => {
  it('maps a Nest 404 (unknown route) to ROUTE_NOT_FOUND without echoing the path', () => {
    const problem = filter.toProblem(new NotFoundException('Cannot GET /api/v1/secret-admin-route'), CORRELATION_ID);
    expect(problem).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', title: 'Not Found', errors: [], correlationId: CORRELATION_ID });
    expect(problem.detail).not.toContain('secret-admin-route');
  });

  it('maps a raw HttpException with status 404 to ROUTE_NOT_FOUND', () => {
    expect(filter.toProblem(new HttpException('gone', 404), CORRELATION_ID)).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('maps a ThrottlerException to 429 TOO_MANY_REQUESTS', () => {
    expect(filter.toProblem(new ThrottlerException(), CORRELATION_ID)).toEqual({
      type: 'https://e-muraciet.gov.az/problems/too-many-requests',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Too many requests; try again later.',
      code: 'TOO_MANY_REQUESTS',
      errors: [],
      correlationId: CORRELATION_ID,
    });
  });

  it('maps guard exceptions to 401 UNAUTHENTICATED and 403 FORBIDDEN', () => {
    expect(filter.toProblem(new UnauthorizedException(), CORRELATION_ID)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(filter.toProblem(new ForbiddenException(), CORRELATION_ID)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });
});
