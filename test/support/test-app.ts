import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
type TestAgent = ReturnType<typeof request>;
import { createAdapter, configureApp } from '../../src/app.factory';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/platform/config/app-config';
import { Clock, FixedClock } from '../../src/platform/clock/clock';
import { createRootLogger, JsonLogger } from '../../src/platform/logging/logger';
import { readTestEnv } from '../setup/test-env';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-for-tests' };

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly http: TestAgent;
  readonly config: AppConfig;
  readonly clock: Clock;
  close(): Promise<void>;
}

/** The whole application, as `npm start` builds it, on the run's test database and Redis. */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    clock?: FixedClock;
    overrides?: ReadonlyArray<{ provide: unknown; useValue: unknown }>;
    /** Receives every JSON log line (level debug and up), as `npm start` writes them to stdout. */
    logLines?: string[];
  } = {},
): Promise<TestApp> {
  const testEnv = readTestEnv();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    DATABASE_URL: testEnv.databaseUrl,
    REDIS_URL: testEnv.redisUrl,
    QUEUE_PREFIX: testEnv.queuePrefix,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PUBLIC_URL: 'http://portal.test',
    LOGIN_RATE_LIMIT_MAX: '1000',
    // Every suite registers from 127.0.0.1 under the run's prefix: the per-address limits must not bite
    // (test/e2e/accounts.e2e-spec.ts tests them with their own addresses).
    REGISTER_RATE_LIMIT_MAX: '100000',
    PASSWORD_RESET_RATE_LIMIT_MAX: '100000',
    // Citizens made by Actors submit at once; the verification flow has its own suite (accounts.e2e-spec.ts).
    AUTH_REQUIRE_EMAIL_VERIFICATION: 'false',
    ...options.env,
  });
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  for (const override of options.overrides ?? []) builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  const lines = options.logLines;
  const root = lines ? createRootLogger('debug', { write: (line: string) => void lines.push(line) }) : undefined;
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config), {
    logger: root ? new JsonLogger(root) : ['error'],
  });
  await configureApp(app, config, root);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    clock: app.get(Clock),
    close: () => app.close(),
  };
}
