import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  CONTROLLER_PROBLEMS_EXTENSION,
  METRICS_SECURITY_SCHEME,
  PROBLEM_SCHEMA_NAME,
  PROBLEMS_EXTENSION,
  ProblemStatus,
  problemResponse,
  PUBLIC_OPERATION_EXTENSION,
} from './problem-responses';

type Schema = SchemaObject & ReferenceObject;

/** Every instant the API writes is `2026-06-01T12:00:00.000Z` (platform/clock/instant.ts): 24 characters. */
const INSTANT_MAX_LENGTH = 24;
const INT32_MAX = 2_147_483_647;
const FORMAT_MAX_LENGTH: Record<string, number | undefined> = { uuid: 36, date: 10, 'date-time': INSTANT_MAX_LENGTH };

/** RFC 9457 problem details as ProblemFilter renders them (src/platform/errors/problem.filter.ts). */
const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code', 'errors', 'correlationId'],
  properties: {
    type: { type: 'string', format: 'uri', maxLength: 200 },
    title: { type: 'string', maxLength: 100 },
    status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599 },
    detail: { type: 'string', maxLength: 2000 },
    code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', maxLength: 100, description: 'Stable machine code (API.md "Errors").' },
    errors: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string', maxLength: 500 }, message: { type: 'string', maxLength: 2000 } },
      },
    },
    correlationId: { type: 'string', pattern: '^[A-Za-z0-9._\\-]{8,100}$', maxLength: 100 },
    errorId: { type: 'string', format: 'uuid', maxLength: 36, description: 'Only on a 5xx: quote it when reporting the error.' },
  },
};

/** The document served at /docs-json and committed as openapi.json (`npm run openapi`). */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('e-Müraciət API')
      .setDescription("Citizens' appeals under the Law of Azerbaijan No. 1308-IVQ. Errors are application/problem+json (RFC 9457).")
      .setVersion('1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'The accessToken of POST /api/v1/auth/login: a short-lived JWT signed by the server (HS256; RFC8725 practices: algorithm pinned, expiry checked), revoked with its session.',
      })
      // addSecurity, not addBearerAuth: the metrics token is an opaque operator secret, not a JWT.
      .addSecurity(METRICS_SECURITY_SCHEME, {
        type: 'http',
        scheme: 'bearer',
        description: 'METRICS_TOKEN, for Prometheus scraping GET /metrics on the API port: an operator secret, not a session.',
      })
      .build(),
  );
  return finaliseDocument(document);
}

/**
 * What the decorators cannot say once for all routes: who needs a token (`@Public()` routes are
 * `security: []`, every other operation the bearer token), the Problem schema, and the formats the
 * API's naming conventions promise (`id`/`...Id` uuid, `...On`/`...Date`/`date` a day, `at`/`...At`
 * an instant). The route-driving suites (test/e2e/openapi-contract-*.e2e-spec.ts) validate real responses
 * against the result, so a convention that does not hold fails there.
 */
export function finaliseDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA } };
  const schemas = document.components.schemas as Record<string, Schema>;
  for (const [name, schema] of Object.entries(schemas)) {
    if (name !== PROBLEM_SCHEMA_NAME) refineProperties(schema, schemas);
  }
  for (const methods of Object.values(document.paths)) {
    for (const [method, value] of Object.entries(methods as Record<string, unknown>)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method) || !value) continue;
      // The extensions ApiProblems and the public-route decorator leave on the operation.
      const operation = value as OperationObject & Record<string, unknown>;
      // A route with a scheme of its own (the metrics token) keeps it; `@Public()` means no session.
      const own = (operation.security ?? []).filter((requirement) => !('bearer' in requirement));
      operation.security = own.length > 0 ? own : operation[PUBLIC_OPERATION_EXTENSION] ? [] : [{ bearer: [] }];
      delete operation[PUBLIC_OPERATION_EXTENSION];
      // Fastify reads no body on a GET, so a controller's "malformed body" 400 cannot happen there;
      // a GET that can answer 400 (a cursor it did not issue, a path number that is none) says so itself.
      const fromController = ((operation[CONTROLLER_PROBLEMS_EXTENSION] ?? []) as ProblemStatus[]).filter(
        (status) => method !== 'get' || status !== 400,
      );
      // Every route refuses a NUL in its query string with a 422 (platform/http/input-guards.ts), and
      // every route that reads a body refuses one that is malformed (400), over BODY_LIMIT_BYTES (413)
      // or of a media type it does not parse (415), whether or not the route itself takes a body.
      const bodyProblems: ProblemStatus[] = method === 'get' ? [] : [400, 413, 415];
      const problems = [...fromController, ...((operation[PROBLEMS_EXTENSION] ?? []) as ProblemStatus[]), ...bodyProblems, 422 as const];
      delete operation[CONTROLLER_PROBLEMS_EXTENSION];
      delete operation[PROBLEMS_EXTENSION];
      for (const status of [...new Set(problems)].sort()) operation.responses[String(status)] = problemResponse(status);
      for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
        if (parameter.schema) refine(parameter.name, parameter.schema as Schema);
      }
      for (const response of Object.values(operation.responses ?? {})) {
        for (const media of Object.values((response as { content?: Record<string, { schema?: Schema }> }).content ?? {})) {
          if (media.schema) refineNested(media.schema, schemas);
        }
      }
    }
  }
  return document;
}

function refineProperties(schema: Schema, schemas: Record<string, Schema>): void {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const value = property as Schema;
    // OpenAPI 3.0 `nullable` applies to the `type` beside it, never to a $ref: a nullable object is
    // written out in place, so a strict validator accepts the null the server sends.
    const referenced = value.allOf?.length === 1 ? (value.allOf[0] as ReferenceObject).$ref : undefined;
    if (value.nullable && referenced) {
      const { allOf: _allOf, ...rest } = value;
      schema.properties![name] = {
        ...structuredClone(schemas[referenced.replace('#/components/schemas/', '')]),
        ...rest,
        type: 'object',
        nullable: true,
      };
      continue;
    }
    refine(name, value);
    if (value.type === 'object') refineProperties(value, schemas);
  }
}

function refineNested(schema: Schema, schemas: Record<string, Schema>): void {
  if (schema.properties) refineProperties(schema, schemas);
  if (schema.items) refineNested(schema.items as Schema, schemas);
}

function refine(name: string, schema: Schema): void {
  if (schema.type === 'array' && schema.items) {
    // `agencyIds: [uuid]`, `skippedDates: [date]`: the items follow the singular name.
    refine(name.replace(/Ids$/, 'Id').replace(/Dates$/, 'Date'), schema.items as Schema);
    return;
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    // Every number of this API is a whole count, version or day number; a fraction (a similarity, a
    // score) says `format: 'double'` on its DTO property.
    if (schema.format === 'double' || schema.format === 'float') return;
    schema.type = 'integer';
    schema.format ??= 'int32';
    schema.minimum ??= 0;
    schema.maximum ??= INT32_MAX;
    return;
  }
  // OpenAPI 3.0: `nullable` does not widen an enum; the null the server sends must be listed.
  if (schema.enum && schema.nullable && !schema.enum.includes(null)) schema.enum = [...(schema.enum as unknown[]), null];
  if (schema.type !== 'string' || schema.enum) return;
  // A property with its own pattern (alert ids are bigint counters) keeps it.
  if (!schema.format && !schema.pattern) {
    if (name === 'id' || /[a-z]Id$/.test(name)) schema.format = 'uuid';
    else if (['date', 'from', 'to', 'dueBefore'].includes(name) || /[a-z](On|Date)$/.test(name)) schema.format = 'date';
    else if (name === 'at' || /[a-z]At$/.test(name)) schema.format = 'date-time';
  }
  const bound = FORMAT_MAX_LENGTH[schema.format ?? ''];
  if (bound !== undefined) schema.maxLength = Math.min(schema.maxLength ?? bound, bound);
}
