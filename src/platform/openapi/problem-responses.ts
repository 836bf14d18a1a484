import { ApiExtension } from '@nestjs/swagger';
import type { ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** The schema every error response refers to (RFC 9457, API.md "Errors"). */
export const PROBLEM_SCHEMA_NAME = 'Problem';

const DESCRIPTIONS = {
  400: 'Malformed request: bad JSON, nested too deep, not an object, a cursor this API did not issue, a path number that is none.',
  401: 'No valid access token, or a wrong password or second factor.',
  403: 'The role may not call this route, or the account must first verify its e-mail or enrol a second factor.',
  404: 'No such resource, or one the caller may not see.',
  409: 'Stale `version`, a taken unique value, or the same Idempotency-Key still in progress.',
  410: 'The resource was revoked.',
  413: 'The body or a file is too large.',
  415: 'The body is of a media type the route does not read (JSON; multipart/form-data for uploads).',
  422: 'Well-formed but against a rule (a NUL character in the query string included); validation errors name each field.',
  429: 'Too many requests; `Retry-After` says when to try again.',
  503: 'A dependency is down.',
} as const;

export type ProblemStatus = keyof typeof DESCRIPTIONS;

/** Where `ApiProblems` leaves its statuses for `createOpenApiDocument`, per route and per controller. */
export const PROBLEMS_EXTENSION = 'x-problems';
export const CONTROLLER_PROBLEMS_EXTENSION = 'x-controller-problems';

/**
 * The problem+json answers a route can give, e.g. `@ApiProblems(401, 403, 404)`; on a controller,
 * those of every route of it. Kept as an extension that `createOpenApiDocument` turns into responses
 * referring to the shared Problem schema: an `@ApiResponse` here would stop the swagger plugin from
 * documenting the route's success response from its return type.
 */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor): unknown =>
    ApiExtension(descriptor ? PROBLEMS_EXTENSION : CONTROLLER_PROBLEMS_EXTENSION, statuses)(target, key, descriptor)) as MethodDecorator &
    ClassDecorator;
}

/** The response object of one problem status. */
export function problemResponse(status: ProblemStatus): ResponseObject {
  return {
    description: DESCRIPTIONS[status],
    content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } } },
    ...(status === 429
      ? {
          headers: {
            'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86400 } },
          },
        }
      : {}),
  };
}

/** Marks an operation as open without a token; `createOpenApiDocument` turns it into `security: []`. */
export const PUBLIC_OPERATION_EXTENSION = 'x-public';
export const ApiPublicOperation = (): MethodDecorator & ClassDecorator => ApiExtension(PUBLIC_OPERATION_EXTENSION, true);

/** The scheme of GET /metrics (platform/metrics/metrics.controller.ts): the operators' METRICS_TOKEN, not a session. */
export const METRICS_SECURITY_SCHEME = 'metricsToken';
