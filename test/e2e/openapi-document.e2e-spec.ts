import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentedOperations, OpenApiDocument } from '../support/openapi-contract';
import { CONTRACT_OWNERS } from '../support/openapi-contract-owners';
import { loadSwaggerPluginMetadata } from '../support/openapi-metadata';
import { startTestApp, TestApp } from '../support/test-app';

/** The committed contract (docs/where-things-go.md "Tests: which suite proves what": the contract). */
const OPENAPI_FILE = join(__dirname, '..', '..', 'openapi.json');

/**
 * openapi.json is the document the app serves at /docs-json, committed so a contract change shows as
 * a diff (STYLE.md "API docs"). `npm run openapi` rewrites it from the app; this test fails when it
 * is stale.
 */
describe('openapi.json (issue 14)', () => {
  let t: TestApp;

  beforeAll(async () => {
    await loadSwaggerPluginMetadata();
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('is the document the app serves', async () => {
    const served = `${JSON.stringify((await t.http.get('/docs-json').expect(200)).body, null, 2)}\n`;
    if (process.env.OPENAPI_DOCUMENT === 'write') writeFileSync(OPENAPI_FILE, served);
    const committed = existsSync(OPENAPI_FILE) ? readFileSync(OPENAPI_FILE, 'utf8') : '';
    if (committed !== served) throw new Error('openapi.json is stale: run `npm run openapi` and commit it.');
    expect(JSON.parse(committed).paths['/api/v1/appeals']).toBeDefined();
  });

  it('has every operation driven by exactly one contract suite (test/support/openapi-contract-owners.ts)', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    const owned: string[] = Object.values(CONTRACT_OWNERS).flat();
    // Owned twice: each operation has one suite that proves it.
    expect(owned.filter((operation, i) => owned.indexOf(operation) !== i)).toEqual([]);
    // A new route fails here until a contract suite drives it; a removed one until its line goes.
    expect([...owned].sort()).toEqual(documentedOperations(document));
  });
});
