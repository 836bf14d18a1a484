import Ajv, { ValidateFunction } from 'ajv';
import type { Response } from 'supertest';
import { openApiAjv } from './openapi-ajv';
import type { ContractOperation } from './openapi-contract-owners';
import type { TestApp } from './test-app';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface MediaObject {
  schema?: object;
}
interface ResponseObject {
  content?: Record<string, MediaObject>;
  headers?: Record<string, unknown>;
}
interface OperationObject {
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, object> };
}

export interface Finding {
  readonly operation: string;
  readonly status: number;
  readonly problem: string;
}

export interface CallOptions {
  /** Headers to send, e.g. an actor's `auth`. */
  readonly as?: Record<string, string>;
  /** Values for the `{name}` segments of the documented path. */
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  /** A JSON body. */
  readonly body?: object;
  /** A raw body with its content type (a malformed JSON, a wrong media type). */
  readonly raw?: { readonly contentType: string; readonly data: string | Buffer };
  /** A multipart/form-data body: files by field name, and plain fields. */
  readonly multipart?: {
    readonly files?: Record<string, { readonly data: Buffer; readonly filename: string; readonly contentType: string }>;
    readonly fields?: Record<string, string>;
  };
  /** The status this request must get; another one is a finding (the test then proves nothing). */
  readonly expect: number;
}

/** The operations the document lists, as `GET /api/v1/appeals/{id}`. */
export function documentedOperations(document: OpenApiDocument): string[] {
  const operations: string[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const method of Object.keys(methods)) {
      if (['get', 'put', 'post', 'delete', 'patch'].includes(method)) operations.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return operations.sort();
}

/**
 * Issue 14 "The OpenAPI document tells the whole truth": a suite calls documented operations for
 * real through this client, which checks every answer against the document the app serves — the
 * status is documented for the operation, its documented headers are sent, the content type is the documented one (problem+json for
 * errors), and a JSON body validates against the documented schema with a strict ajv
 * (test/support/openapi-ajv.ts: OpenAPI 3.0 `nullable`, uuid, date, and the API's one instant
 * form). It records which operations answered a success and a documented error as documented, so a
 * suite can prove it drove every operation it owns (test/support/openapi-contract-owners.ts).
 */
export class ContractClient {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private findings: Finding[] = [];
  /** Operation -> the outcomes seen and validated: a success, an error. */
  private readonly seen = new Map<string, { success: boolean; error: boolean }>();

  private constructor(
    private readonly t: TestApp,
    readonly document: OpenApiDocument,
  ) {
    this.ajv = openApiAjv();
    this.ajv.addSchema({ $id: 'openapi.json', components: document.components });
  }

  static async start(t: TestApp): Promise<ContractClient> {
    const document = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    return new ContractClient(t, document);
  }

  /** Calls `method path` (the documented template, filled from `params`) and checks the answer against the document. */
  async call(method: Method, path: string, options: CallOptions): Promise<Response> {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = options.params?.[name];
      if (value === undefined) throw new Error(`${path}: no value for {${name}}`);
      return encodeURIComponent(value);
    });
    let request = this.t.http[method](url).set(options.as ?? {});
    if (options.query) request = request.query(options.query);
    let response: Response;
    if (options.body) response = await request.send(options.body);
    else if (options.raw) response = await request.set('Content-Type', options.raw.contentType).send(options.raw.data);
    else if (options.multipart) {
      for (const [name, value] of Object.entries(options.multipart.fields ?? {})) request = request.field(name, value);
      for (const [name, file] of Object.entries(options.multipart.files ?? {})) {
        request = request.attach(name, file.data, { filename: file.filename, contentType: file.contentType });
      }
      response = await request;
    } else response = await request;

    const operation = `${method.toUpperCase()} ${path}`;
    const problems = this.check(method, path, response);
    if (response.status !== options.expect) {
      problems.push(`expected ${options.expect}: ${String(response.text ?? '').slice(0, 300)}`);
    }
    for (const problem of problems) this.findings.push({ operation, status: response.status, problem });
    if (problems.length === 0) {
      const outcome = this.seen.get(operation) ?? { success: false, error: false };
      if (response.status < 300) outcome.success = true;
      else outcome.error = true;
      this.seen.set(operation, outcome);
    }
    return response;
  }

  /** The disagreements found since the last call of this, printed whole so a failing run lists every one. */
  takeFindings(): Finding[] {
    const findings = this.findings;
    this.findings = [];
    if (findings.length > 0) console.log(JSON.stringify(findings, null, 2));
    return findings;
  }

  /** The owned operations that did not answer both a success and a documented error as documented. */
  uncovered(owned: readonly ContractOperation[]): string[] {
    const missing: string[] = [];
    for (const operation of owned) {
      const outcome = this.seen.get(operation);
      if (!outcome?.success) missing.push(`${operation}: no documented success`);
      if (!outcome?.error) missing.push(`${operation}: no documented error`);
    }
    return missing;
  }

  /** Operations driven that the suite does not own (each belongs in exactly one suite's list). */
  drivenOutside(owned: readonly ContractOperation[]): string[] {
    const mine = new Set<string>(owned);
    return [...this.seen.keys()].filter((operation) => !mine.has(operation)).sort();
  }

  private check(method: Method, path: string, response: Response): string[] {
    const operation = this.document.paths[path]?.[method] as OperationObject | undefined;
    if (!operation) return ['operation not in the document'];
    const documented = operation.responses[String(response.status)];
    if (!documented) {
      return [
        `status not documented (documented: ${Object.keys(operation.responses).join(', ')}): ${String(response.text ?? '').slice(0, 300)}`,
      ];
    }
    const missing = Object.keys(documented.headers ?? {}).filter((name) => response.headers[name.toLowerCase()] === undefined);
    if (missing.length > 0) return [`documented headers missing: ${missing.join(', ')}`];
    const contentType = String(response.headers['content-type'] ?? '').split(';')[0];
    if (!documented.content) {
      return response.text ? [`a body where the document has none: ${response.text.slice(0, 100)}`] : [];
    }
    const media = documented.content[contentType];
    if (!media) return [`content type ${contentType || '(none)'} not documented (${Object.keys(documented.content).join(', ')})`];
    // Errors are problem+json (API.md "Errors"); only health's 503 is its status body (API.md "Health and docs").
    const statusBody = response.status === 503 && path.startsWith('/health');
    if (response.status >= 400 && contentType !== 'application/problem+json' && !statusBody) {
      return [`an error as ${contentType}, not problem+json`];
    }
    if (!media.schema || !/json$/.test(contentType)) return [];
    const validate = this.validatorFor(`${method} ${path} ${response.status} ${contentType}`, media.schema);
    return validate(response.body) ? [] : [`body against the schema: ${this.ajv.errorsText(validate.errors)}`];
  }

  private validatorFor(key: string, schema: object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      const rebased = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi.json#/components/')) as object;
      validate = this.ajv.compile(rebased);
      this.validators.set(key, validate);
    }
    return validate;
  }
}
