import IORedis from 'ioredis';
import { Client } from 'pg';
import { readTestEnv } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const env = readTestEnv();
  const client = new Client({ connectionString: env.adminDatabaseUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${new URL(env.databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  // Remove this run's queue keys; other users of the Redis server are untouched.
  const redis = new IORedis(env.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.queuePrefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
