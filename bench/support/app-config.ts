import { AppConfig, loadConfig } from '../../src/platform/config/app-config';

/** The app as the benches run it in-process: API role, production checks, its own database and queue prefix. */
export function benchAppConfig(databaseUrl: string, queuePrefix: string): AppConfig {
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    APP_ROLE: 'api',
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: 'admin@bench.local',
    ADMIN_PASSWORD: 'bench-admin-password',
  });
}
