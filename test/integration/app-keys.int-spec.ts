import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/platform/config/app-config';
import { dataSourceOptions } from '../../src/platform/database/data-source';
import { Db } from '../../src/platform/database/db';
import { prepareDatabase } from '../../src/platform/database/prepare-database';
import { AppKeys } from '../../src/platform/secrets/app-keys';
import { readTestEnv } from '../setup/test-env';

/**
 * Without JWT_SECRET the first process generates the signing key and keeps it in the database.
 * Several processes starting at once on a new database (an api and a worker, replicas) must end
 * up with one key, or each would refuse the others' tokens.
 */
describe('the generated signing key (integration)', () => {
  const env = readTestEnv();
  const url = new URL(env.databaseUrl);
  url.pathname = `${url.pathname}_keys`;
  const sources: DataSource[] = [];

  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
    const admin = new Client({ connectionString: env.adminDatabaseUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  });

  it('is the same for four processes starting at once, and a JWT_SECRET replaces it', async () => {
    await prepareDatabase(url.toString());
    const config = loadConfig({ NODE_ENV: 'test' });
    const processes = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const source = new DataSource(dataSourceOptions(url.toString(), 2));
        sources.push(await source.initialize());
        return new Db(source);
      }),
    );
    const keys = await Promise.all(processes.map((db) => AppKeys.load(config, db)));
    const csrf = keys.map((k) => k.derive('web-csrf-v1').toString('hex'));
    expect(new Set(csrf).size).toBe(1);
    expect(new Set(keys.map((k) => k.totpEncryption.toString('hex'))).size).toBe(1);
    const rows = await processes[0].query<{ name: string; n: number }>(
      `SELECT name, octet_length(value) AS n FROM app_secrets ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'access-token-signing-key', n: 48 },
      { name: 'totp-encryption-key', n: 48 },
    ]);
    // A restart reads the same key.
    expect((await AppKeys.load(config, processes[1])).derive('web-csrf-v1').toString('hex')).toBe(csrf[0]);
    // With JWT_SECRET set, that key is used instead (the TOTP key stays).
    const own = await AppKeys.load(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'Zq8vN2xL5rT1wY7bK4cM9hJ3dF6gS0aE' }), processes[2]);
    expect(own.derive('web-csrf-v1').toString('hex')).not.toBe(csrf[0]);
    expect(own.totpEncryption.equals(keys[0].totpEncryption)).toBe(true);
  });
});
