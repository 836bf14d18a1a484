import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DomainError, FieldError, TooManyRequestsError } from './domain-error';
import { ERROR_CODES, ErrorCode } from './error-codes';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors: FieldError[];
  correlationId: string;
  errorId?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fastify's own errors that reach us before a handler runs (body parsing, limits). */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'ATTACHMENT_TOO_LARGE',
  FST_FILES_LIMIT: 'ATTACHMENT_LIMIT_REACHED',
  FST_PARTS_LIMIT: 'ATTACHMENT_LIMIT_REACHED',
};

/**
 * One place turns every failure into RFC 9457 `application/problem+json` with a stable code and
 * the correlation id. A 500 shows only an error id; the details go to the log.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  /** @param browserPages renders errors as HTML for a browser's page request (the web module's filter); API clients keep problem+json. */
  constructor(private readonly browserPages?: ExceptionFilter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (this.browserPages && isPageRequest(request)) {
      this.browserPages.catch(exception, host);
      return;
    }
    const problem = this.toProblem(exception, String(request.id));
    if (problem.status >= 500) {
      problem.errorId = randomUUID();
      this.logger.error(
        { errorId: problem.errorId, route: request.routeOptions?.url, err: describe(exception) },
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    if (exception instanceof TooManyRequestsError)
      void reply.header('retry-after', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }

  toProblem(exception: unknown, correlationId: string): ProblemDetails {
    if (exception instanceof DomainError) {
      return build(exception.code, exception.message, [...exception.errors], correlationId);
    }
    if (exception instanceof ThrottlerException) {
      return build('TOO_MANY_REQUESTS', 'Too many requests; try again later.', [], correlationId);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = codeForStatus(status);
      return build(code, status === 404 ? 'No such route.' : exception.message, [], correlationId, status);
    }
    const fastifyCode = (exception as { code?: string } | null)?.code;
    if (fastifyCode && FASTIFY_CODES[fastifyCode]) {
      return build(FASTIFY_CODES[fastifyCode], messageOf(exception, 'The request was refused.'), [], correlationId);
    }
    const statusCode = (exception as { statusCode?: number } | null)?.statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      // e.g. a JSON syntax error raised by Fastify's body parser.
      return build(codeForStatus(statusCode), messageOf(exception, 'The request is malformed.'), [], correlationId, statusCode);
    }
    return build('INTERNAL_ERROR', 'An unexpected error occurred; quote the error id when reporting it.', [], correlationId);
  }
}

/** Paths of machines, never of pages: they answer problem+json whatever the Accept header says. */
const MACHINE_PATH = /^\/(?:api\/|docs-json|metrics|health)/;

/** A browser asking for a page (Accept names text/html) outside the API: an unknown route gets an HTML page with a way back. */
export function isPageRequest(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') && !MACHINE_PATH.test(request.url);
}

function build(code: ErrorCode, detail: string, errors: FieldError[], correlationId: string, status?: number): ProblemDetails {
  const httpStatus = status ?? ERROR_CODES[code];
  return {
    type: `https://e-muraciet.gov.az/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[httpStatus] ?? 'Error',
    status: httpStatus,
    detail,
    code,
    errors,
    correlationId,
  };
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'MALFORMED_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'ROUTE_NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 422:
      return 'VALIDATION_FAILED';
    case 429:
      return 'TOO_MANY_REQUESTS';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'MALFORMED_REQUEST';
  }
}

function messageOf(exception: unknown, fallback: string): string {
  const message = (exception as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message : fallback;
}

function describe(exception: unknown): string {
  if (exception instanceof Error) return `${exception.name}: ${exception.message}`;
  return typeof exception;
}
