import IORedis from 'ioredis';
import { Client } from 'pg';
import { readTestRun } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const env = readTestRun();
  const client = new Client({ connectionString: env.adminDatabaseUrl });
  await client.connect();
  try {
    // The template, each worker's copy and the extra databases suites derive from them (_w1_restore, ...).
    const template = new URL(env.databaseUrl).pathname.slice(1);
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)`,
      [template, `${template}_`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  // Remove this run's queue keys (each worker's prefix and those derived from it); other users of the Redis server are untouched.
  const redis = new IORedis(env.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.queuePrefix}_w*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
