import { Client } from 'pg';
import { readTestEnv } from '../setup/test-env';

/**
 * A connection as the database owner, outside the application's restricted role: for tests that
 * play an attacker with direct database access, or inspect what the app may not touch.
 */
export async function withOwnerConnection<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: readTestEnv().databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
