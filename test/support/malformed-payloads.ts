/**
 * Malformed request bodies generated from an OpenAPI 3 document: for every field of a JSON body
 * (top level and nested, following $ref into objects and array items), the body with that one
 * field missing, null, of the wrong type, oversized, and (strings) holding a NUL character. The
 * rest of the body stays the valid one a test gives, so the field is the only thing wrong.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SchemaObject {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly nullable?: boolean;
  readonly properties?: Record<string, SchemaObject>;
  readonly required?: readonly string[];
  readonly items?: SchemaObject;
  readonly maxLength?: number;
  readonly maxItems?: number;
  readonly maximum?: number;
  readonly additionalProperties?: boolean | SchemaObject;
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: SchemaObject }> } }>>;
  readonly components?: { schemas?: Record<string, SchemaObject> };
}

export type MutationKind = 'missing' | 'null' | 'wrongType' | 'oversized' | 'nul';

export interface Mutation {
  /** `applicant.fullName`, `coApplicants.0.kind`: as validation errors name fields. */
  readonly field: string;
  readonly kind: MutationKind;
  readonly body: JsonObject;
  /**
   * The body breaks the schema, so the answer must be a 4xx. False only for `null` on an optional
   * scalar, which the API treats as absent (class-validator's IsOptional): any answer but a 5xx.
   */
  readonly mustRefuse: boolean;
}

export interface JsonBodyOperation {
  /** `POST /api/v1/appeals/{id}/answer` */
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly schema: SchemaObject;
}

/** Without a declared maxLength: longer than any text this API takes (the longest, an appeal or an answer, is 20,000). */
export const OVERSIZED_STRING_LENGTH = 50_000;
/** Without a declared maxItems: more items than any array this API takes (co-applicants: 100). */
export const OVERSIZED_ARRAY_LENGTH = 1_000;
/** Keys of an oversized free-form object (the methodology's answers have 17 or 10). */
export const OVERSIZED_OBJECT_KEYS = 2_000;
/** Past every integer column (int4, int8) and every Max of the API. */
export const HUGE_NUMBER = 1e21;

/** The POST, PUT and PATCH operations whose body is JSON; multipart ones are left to their own tests. */
export function jsonBodyOperations(doc: OpenApiDocument): JsonBodyOperation[] {
  const operations: JsonBodyOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['post', 'put', 'patch'].includes(method)) continue;
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (!schema) continue;
      operations.push({ key: `${method.toUpperCase()} ${path}`, method, path, schema });
    }
  }
  return operations;
}

export function resolve(doc: OpenApiDocument, schema: SchemaObject): SchemaObject {
  let current = schema;
  for (let hops = 0; current.$ref; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${schema.$ref}`);
    const name = current.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

function clone<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function setAt(body: JsonObject, path: ReadonlyArray<string | number>, value: Json | undefined): JsonObject {
  const copy = clone(body);
  let parent = copy as Json;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step];
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete (parent as JsonObject)[last];
  } else {
    (parent as Record<string | number, Json>)[last] = value;
  }
  return copy;
}

function typeOf(schema: SchemaObject): string {
  if (schema.type) return schema.type;
  if (schema.enum) return typeof schema.enum[0] === 'number' ? 'number' : 'string';
  if (schema.properties) return 'object';
  return 'unknown';
}

function wrongType(type: string): Json {
  switch (type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    // The look-alike of the other container: ValidateNested walks an array given for an object.
    case 'array':
      return {};
    default:
      return [];
  }
}

function oversized(doc: OpenApiDocument, schema: SchemaObject, type: string, current: Json | undefined): Json | undefined {
  switch (type) {
    case 'string':
      return 'x'.repeat(schema.maxLength !== undefined ? schema.maxLength + 1 : OVERSIZED_STRING_LENGTH);
    case 'number':
    case 'integer':
      return HUGE_NUMBER;
    case 'array': {
      const item = Array.isArray(current) && current.length > 0 ? current[0] : sampleOf(doc, schema.items ?? {});
      const count = schema.maxItems !== undefined ? schema.maxItems + 1 : OVERSIZED_ARRAY_LENGTH;
      return Array.from({ length: count }, () => clone(item));
    }
    case 'object':
      // Objects with declared fields are oversized through those fields; free-form ones get many keys.
      if (resolve(doc, schema).properties) return undefined;
      return Object.fromEntries(Array.from({ length: OVERSIZED_OBJECT_KEYS }, (_, i) => [`k${i}`, true]));
    default:
      return undefined;
  }
}

/** A plain value of the schema's type, for array items a valid body does not show. */
function sampleOf(doc: OpenApiDocument, schema: SchemaObject): Json {
  const resolved = resolve(doc, schema);
  if (resolved.enum) return resolved.enum[0] as Json;
  switch (typeOf(resolved)) {
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return resolved.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'x';
  }
}

/**
 * Every mutation of `valid` the schema allows to generate. Nested objects and array items are
 * walked where `valid` holds one; `uncovered` collects the nested ones it did not hold, so a test
 * can insist that its valid bodies reach every field.
 */
export function mutationsOf(doc: OpenApiDocument, schema: SchemaObject, valid: JsonObject, uncovered: string[] = []): Mutation[] {
  const mutations: Mutation[] = [];
  const walk = (objectSchema: SchemaObject, path: Array<string | number>): void => {
    const resolved = resolve(doc, objectSchema);
    const required = new Set(resolved.required ?? []);
    for (const [name, property] of Object.entries(resolved.properties ?? {})) {
      const fieldPath = [...path, name];
      const field = fieldPath.join('.');
      const propertySchema = resolve(doc, property);
      const type = typeOf(propertySchema);
      const current = getAt(valid, fieldPath);
      const isRequired = required.has(name);
      const add = (kind: MutationKind, value: Json | undefined, mustRefuse = true) =>
        mutations.push({ field, kind, body: setAt(valid, fieldPath, value), mustRefuse });

      // An optional field left out is a valid body, not a malformed one.
      if (isRequired) add('missing', undefined);
      // null is no object: a nested object or list is left out when absent, never null (even optional).
      if (!propertySchema.nullable) add('null', null, isRequired || type === 'object' || type === 'array');
      add('wrongType', wrongType(type));
      const big = oversized(doc, propertySchema, type, current);
      if (big !== undefined) add('oversized', big);
      if (type === 'string') add('nul', `${typeof current === 'string' ? current : 'x'}\u0000`);

      if (type === 'object' && propertySchema.properties) {
        if (current !== null && typeof current === 'object' && !Array.isArray(current)) walk(property, fieldPath);
        else uncovered.push(field);
      }
      if (type === 'array' && propertySchema.items && resolve(doc, propertySchema.items).properties) {
        if (Array.isArray(current) && current.length > 0) walk(propertySchema.items, [...fieldPath, 0]);
        else uncovered.push(`${field}.0`);
      }
    }
  };
  walk(schema, []);
  return mutations;
}

function getAt(body: JsonObject, path: ReadonlyArray<string | number>): Json | undefined {
  let current: Json | undefined = body;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, Json>)[step];
  }
  return current;
}
