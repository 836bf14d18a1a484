import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest, RawServerDefault } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';
import { DomainError } from '../errors/domain-error';

/**
 * Cheap checks every request body and query string passes before any validation or handler sees
 * it: JSON nesting depth (400) and NUL characters in text (422).
 *
 * Depth: a 100,000-deep array in a login body used to reach class-transformer's recursion and end
 * as a 500 after ~190 ms of main-thread CPU. No DTO of this API nests more than 4 levels, so
 * anything deeper than MAX_JSON_DEPTH is refused before JSON.parse, by one pass over the bytes that
 * skips string contents with memchr (`indexOf`). Measured on this machine: 0.7 µs for a 741-byte
 * appeal (JSON.parse: 7 µs), 1 ms for a 290 KB body of 6,000 small objects (JSON.parse: 4.3 ms),
 * 5 µs for a 270 KB text field, and a few µs for the 200 KB deep array, which stops at the 17th
 * bracket (JSON.parse alone took 30-48 ms of it).
 *
 * NUL: PostgreSQL cannot store U+0000 in text, and it has no business in an appeal, a name or a
 * search; it is refused as a rule breach naming the field (API.md: well-formed but against a rule).
 */
export const MAX_JSON_DEPTH = 16;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/** True when the JSON text nests arrays/objects deeper than `max`. Malformed text is left to JSON.parse. */
export function jsonDepthExceeds(json: Buffer, max: number): boolean {
  let depth = 0;
  const length = json.length;
  for (let i = 0; i < length; i++) {
    const byte = json[i];
    if (byte === QUOTE) {
      // Jump to the closing quote: the next one not escaped by an odd run of backslashes.
      let end = i;
      for (;;) {
        end = json.indexOf(QUOTE, end + 1);
        if (end < 0) return false;
        let backslashes = 0;
        while (json[end - 1 - backslashes] === BACKSLASH) backslashes++;
        if ((backslashes & 1) === 0) break;
      }
      i = end;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/**
 * The path (`applicant.fullName`, `coApplicants.0.address`, as validation errors name fields) of
 * the first string or key holding U+0000, or undefined. Iterative, so no input can overflow it.
 */
export function findNul(value: unknown, root = ''): string | undefined {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        if (key.includes('\u0000')) return path === '' ? 'body' : path;
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

function nulError(field: string): DomainError {
  return DomainError.field('VALIDATION_FAILED', field, `${field} must not contain a NUL character.`);
}

/** Throws the 422 when any string in `value` holds U+0000. */
export function assertNoNul(value: unknown, root = ''): void {
  const field = findNul(value, root);
  if (field !== undefined) throw nulError(field === '' ? 'body' : field);
}

/**
 * Registers the JSON and form parsers (replacing Nest's, which it then does not add), the query
 * check, and the closing of connections whose body was refused half-read.
 */
export function registerInputGuards(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  // Fastify's own parser (prototype-poisoning checks included), after the depth check. It is the
  // callback form of a body parser (its type admits the promise form too, which it never returns).
  const parseJson = fastify.getDefaultJsonParser('error', 'error') as (
    request: FastifyRequest,
    body: string,
    done: (error: Error | null, parsed?: unknown) => void,
  ) => void;
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
      done(new DomainError('MALFORMED_REQUEST', `JSON may nest at most ${MAX_JSON_DEPTH} levels.`), undefined);
      return;
    }
    parseJson(request, body as unknown as string, (error, parsed) => {
      if (error) return done(error, undefined);
      // A NUL can only be written \u0000 in JSON text: most bodies skip the walk.
      const field = body.includes('\\u0000') ? findNul(parsed) : undefined;
      done(field === undefined ? null : nulError(field === '' ? 'body' : field), parsed);
    });
  });
  // The pages' forms: the same parsing Nest does (repeated names become arrays).
  app.useBodyParser<RawServerDefault>('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => {
    const parsed = parseQueryString(body.toString('utf8'), '&', '=', { maxKeys: 1000 });
    const field = body.includes('%00') || body.includes(0) ? findNul(parsed) : undefined;
    done(field === undefined ? null : nulError(field === '' ? 'body' : field), parsed);
  });
  // An answer given before the body was read to its end (an upload refused at a limit): close the
  // connection, as Fastify does for a refused body, instead of reading or parsing the rest.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!request.raw.complete) void reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('preValidation', (request: FastifyRequest, _reply, done) => {
    // A NUL reaches a query value only as %00.
    if (!request.url.includes('%00')) return done();
    const field = findNul(request.query);
    done(nulError(field === undefined || field === '' ? 'path' : field));
  });
}
