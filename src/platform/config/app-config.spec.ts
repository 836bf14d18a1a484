import { ConfigError, loadConfig } from './app-config';

const GOOD_SECRET = 'k7Qp2vXn9LrT4wYb8ZcM3hJd6FgS1aEu';

/** Runs loadConfig expecting a ConfigError and returns it. */
function configError(env: Record<string, string | undefined>): ConfigError {
  let thrown: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  return thrown as ConfigError;
}

describe('loadConfig defaults', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      nodeEnv: 'development',
      role: 'all',
      port: 3000,
      host: 'localhost',
      databaseUrl: undefined,
      redisUrl: undefined,
      smtpUrl: undefined,
      mailFrom: 'e-Muraciet <no-reply@e-muraciet.local>',
      adminEmail: 'admin@e-muraciet.local',
      adminPassword: 'admin-password-change-me',
      publicUrl: 'http://localhost:3000',
      jwtSecret: undefined,
      jwtTtlSeconds: 3600,
      trustProxy: false,
      requireEmailVerification: true,
      staffTotpRequired: [],
      queuePrefix: 'emuraciet',
      logLevel: 'info',
      dbPoolSize: 20,
      dbAppRole: 'emuraciet_app',
      sameMatterSimilarity: 0.4,
      respondentHeadCoversSubordinates: true,
      bodyLimitBytes: 256 * 1024,
      attachmentMaxBytes: 10 * 1024 * 1024,
      attachmentsPerAppealMaxBytes: 25 * 1024 * 1024,
      loginRateLimit: { max: 10, windowSeconds: 60 },
      registerRateLimit: { max: 10, windowSeconds: 3600 },
      passwordResetRateLimit: { max: 10, windowSeconds: 3600 },
      appealsPerCitizenPerDay: 20,
      dataDir: '.data',
      schedulerEnabled: true,
      timers: { warningDays: [3, 1], escalationWorkingDays: 5, tickMs: 1000, horizonSeconds: 120, batchMax: 2000 },
      webhooks: { allowPrivateTargets: false, timeoutMs: 5000 },
      retentionYears: null,
      calendarFeedRateLimitPerMinute: 60,
      oidc: null,
      metricsToken: undefined,
      metricsPort: undefined,
      otlpEndpoint: undefined,
    });
  });

  it('reads the operations settings: metrics token and port, trace endpoint (issue 16)', () => {
    const token = 'm3tr1cs-t0ken-for-the-scraper-01';
    const config = loadConfig({ METRICS_TOKEN: token, METRICS_PORT: '9464', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    expect(config).toMatchObject({ metricsToken: token, metricsPort: 9464, otlpEndpoint: 'http://collector:4318' });
    expect(configError({ METRICS_TOKEN: 'short' }).problems).toEqual(['METRICS_TOKEN: must be at least 24 characters']);
    expect(configError({ METRICS_PORT: '3000' }).problems).toEqual(['METRICS_PORT: must differ from PORT']);
    expect(configError({ OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://x' }).problems).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT: expected a http: or https: URL',
    ]);
  });

  it('reads the OpenID Connect sign-in (issue 16); the redirect defaults to PUBLIC_URL/auth/oidc/callback', () => {
    const env = {
      OIDC_ISSUER: 'https://eid.example.az',
      OIDC_CLIENT_ID: 'e-muraciet',
      OIDC_CLIENT_SECRET: 'a-client-secret',
      PUBLIC_URL: 'https://muraciet.example.az',
    };
    expect(loadConfig(env).oidc).toEqual({
      issuer: 'https://eid.example.az',
      clientId: 'e-muraciet',
      clientSecret: 'a-client-secret',
      redirectUrl: 'https://muraciet.example.az/auth/oidc/callback',
    });
    expect(loadConfig({ ...env, OIDC_REDIRECT_URL: 'https://portal.example.az/auth/oidc/callback' }).oidc?.redirectUrl).toBe(
      'https://portal.example.az/auth/oidc/callback',
    );
    // A local provider (tests, trials) may speak plain http; anything on a network may not.
    expect(loadConfig({ ...env, OIDC_ISSUER: 'http://127.0.0.1:4000', PUBLIC_URL: 'http://localhost:3000' }).oidc?.issuer).toBe(
      'http://127.0.0.1:4000',
    );
    expect(configError({ ...env, OIDC_ISSUER: 'http://eid.example.az' }).problems).toEqual([
      'OIDC_ISSUER: expected an https URL (http only for localhost or 127.0.0.1)',
    ]);
  });

  it('refuses a half-configured OpenID Connect sign-in instead of running without it', () => {
    expect(configError({ OIDC_ISSUER: 'https://eid.example.az' }).problems).toEqual([
      'OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: OpenID Connect sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together (or none of them)',
    ]);
    expect(configError({ OIDC_REDIRECT_URL: 'https://portal.example.az/cb' }).problems[0]).toMatch(/^OIDC_REDIRECT_URL: /);
  });

  it('reads the integrations and retention settings (issue 16)', () => {
    const config = loadConfig({
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_TIMEOUT_MS: '2000',
      RETENTION_YEARS: '5',
      CALENDAR_FEED_RATE_LIMIT_PER_MINUTE: '10',
    });
    expect(config.webhooks).toEqual({ allowPrivateTargets: true, timeoutMs: 2000 });
    expect(config.retentionYears).toBe(5);
    expect(config.calendarFeedRateLimitPerMinute).toBe(10);
    expect(configError({ RETENTION_YEARS: '0' }).problems).toEqual(['RETENTION_YEARS: expected an integer from 1 to 100, got "0"']);
  });

  it('treats empty and blank variables as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '   ', APP_ROLE: ' ', JWT_SECRET: '' });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.role).toBe('all');
  });

  it('derives the default PUBLIC_URL from PORT', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('drops trailing slashes from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://muraciet.gov.az//' }).publicUrl).toBe('https://muraciet.gov.az');
  });

  it('reads every operator variable of API.md', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: ' 8443 ',
      DATABASE_URL: 'postgresql://app:pw@db:5432/appeals',
      REDIS_URL: 'rediss://:pw@cache:6380',
      SMTP_URL: 'smtps://mailer:pw@smtp.example.az:465',
      MAIL_FROM: 'Muraciet <no-reply@gov.az>',
      ADMIN_EMAIL: 'Root@Gov.AZ',
      ADMIN_PASSWORD: 'a-long-password',
      APP_ROLE: 'worker',
      PUBLIC_URL: 'https://muraciet.gov.az',
      JWT_SECRET: GOOD_SECRET,
      SCHEDULER_ENABLED: 'off',
      HOST: '0.0.0.0',
      APPEALS_PER_CITIZEN_PER_DAY: '5',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      appealsPerCitizenPerDay: 5,
      nodeEnv: 'production',
      port: 8443,
      databaseUrl: 'postgresql://app:pw@db:5432/appeals',
      redisUrl: 'rediss://:pw@cache:6380',
      smtpUrl: 'smtps://mailer:pw@smtp.example.az:465',
      mailFrom: 'Muraciet <no-reply@gov.az>',
      adminEmail: 'root@gov.az',
      adminPassword: 'a-long-password',
      role: 'worker',
      publicUrl: 'https://muraciet.gov.az',
      jwtSecret: GOOD_SECRET,
      schedulerEnabled: false,
    });
  });

  it.each(['postgres://h/db', 'postgresql://h/db'])('accepts the PostgreSQL URL %s', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('reads the deadline timer settings', () => {
    expect(loadConfig({ TIMER_WARNING_DAYS: '5, 2,1', ESCALATION_WORKING_DAYS: '10', TIMER_HORIZON_SECONDS: '60' }).timers).toMatchObject({
      warningDays: [5, 2, 1],
      escalationWorkingDays: 10,
      horizonSeconds: 60,
    });
  });

  it.each(['3,3', '0', 'three', '3,31'])('refuses TIMER_WARNING_DAYS=%s', (value) => {
    expect(configError({ TIMER_WARNING_DAYS: value }).problems).toEqual([
      `TIMER_WARNING_DAYS: expected distinct integers from 1 to 30, comma-separated, got "${value}"`,
    ]);
  });

  it.each(['api', 'worker', 'all'])('accepts APP_ROLE=%s', (role) => {
    expect(loadConfig({ APP_ROLE: role }).role).toBe(role);
  });
});

describe('loadConfig problems', () => {
  it('collects every problem into one error instead of stopping at the first', () => {
    const error = configError({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://app:pw@db/appeals',
      REDIS_URL: 'not a url',
      APP_ROLE: 'both',
      JWT_SECRET: 'too-short',
      LOG_LEVEL: 'verbose',
      SCHEDULER_ENABLED: 'maybe',
      ADMIN_PASSWORD: 'short-pw',
    });
    expect(error.problems).toHaveLength(8);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        'PORT: expected an integer from 0 to 65535, got "eighty"',
        'DATABASE_URL: expected a postgres: or postgresql: URL',
        'REDIS_URL: not a valid URL',
        'APP_ROLE: expected one of api, worker, all, got "both"',
        'JWT_SECRET: must be at least 32 characters',
        'LOG_LEVEL: expected one of fatal, error, warn, info, debug, silent, got "verbose"',
        'SCHEDULER_ENABLED: expected true or false, got "maybe"',
        'ADMIN_PASSWORD: must be at least 12 characters',
      ]),
    );
    for (const problem of error.problems) expect(error.message).toContain(problem);
  });

  it.each(['0', '-3', 'twenty', '2.5'])('refuses APPEALS_PER_CITIZEN_PER_DAY=%s', (value) => {
    expect(configError({ APPEALS_PER_CITIZEN_PER_DAY: value }).problems).toEqual([
      `APPEALS_PER_CITIZEN_PER_DAY: expected an integer from 1 to 1000000, got "${value}"`,
    ]);
  });

  it.each(['65536', '-1', '80.5', '3000abc'])('refuses PORT=%s', (port) => {
    expect(configError({ PORT: port }).problems).toEqual([`PORT: expected an integer from 0 to 65535, got "${port}"`]);
  });

  it.each<[string, string, string]>([
    ['DATABASE_URL', 'redis://localhost:6379', 'postgres: or postgresql:'],
    ['REDIS_URL', 'postgres://localhost/db', 'redis: or rediss:'],
    ['SMTP_URL', 'http://smtp.example.az', 'smtp: or smtps:'],
  ])('refuses a %s with the wrong protocol', (name, value, protocols) => {
    expect(configError({ [name]: value }).problems).toEqual([`${name}: expected a ${protocols} URL`]);
  });

  it('refuses a secret of 31 characters and accepts one of 32', () => {
    expect(configError({ JWT_SECRET: 'x'.repeat(31) }).problems).toEqual(['JWT_SECRET: must be at least 32 characters']);
    expect(loadConfig({ JWT_SECRET: GOOD_SECRET }).jwtSecret).toBe(GOOD_SECRET);
  });

  it('refuses the development admin password in production; without JWT_SECRET a key is generated (no key in the source)', () => {
    expect(configError({ NODE_ENV: 'production' }).problems).toEqual(['ADMIN_PASSWORD: must be set in production']);
    expect(loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a-long-password' }).jwtSecret).toBeUndefined();
  });

  it.each(['production', 'development', 'test'])('refuses the published sample secrets in %s', (mode) => {
    for (const sample of [
      'dev-only-secret-change-me-0123456789abcdef',
      'compose-only-secret-change-me-0123456789',
      'bench-secret-bench-secret-bench-secret',
    ]) {
      const [problem] = configError({ NODE_ENV: mode, JWT_SECRET: sample, ADMIN_PASSWORD: 'a-long-password' }).problems;
      expect(problem).toMatch(/^JWT_SECRET: (a published sample value|must be random)/);
    }
    expect(configError({ JWT_SECRET: 'my-jwt-secret-change-me-please-0123' }).problems[0]).toMatch(/published sample/);
  });

  it('refuses a secret that is long but not random', () => {
    expect(configError({ JWT_SECRET: 'x'.repeat(40) }).problems).toEqual(['JWT_SECRET: must be random (at least 10 different characters)']);
    expect(configError({ JWT_SECRET: '0123'.repeat(10) }).problems).toEqual([
      'JWT_SECRET: must be random (at least 10 different characters)',
    ]);
  });

  it.each<[string, boolean | number | string[]]>([
    ['false', false],
    ['off', false],
    ['true', true],
    ['2', 2],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['loopback', ['loopback']],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('refuses a TRUST_PROXY it cannot read', () => {
    expect(configError({ TRUST_PROXY: 'the proxy' }).problems[0]).toMatch(/^TRUST_PROXY: /);
  });

  it('reads the roles that must sign in with a second factor, and refuses unknown ones', () => {
    expect(loadConfig({ STAFF_TOTP_REQUIRED: 'supervisor, admin' }).staffTotpRequired).toEqual(['supervisor', 'admin']);
    expect(loadConfig({ STAFF_TOTP_REQUIRED: 'none' }).staffTotpRequired).toEqual([]);
    expect(configError({ STAFF_TOTP_REQUIRED: 'citizen' }).problems[0]).toMatch(/^STAFF_TOTP_REQUIRED: /);
  });

  it('reads AUTH_REQUIRE_EMAIL_VERIFICATION', () => {
    expect(loadConfig({ AUTH_REQUIRE_EMAIL_VERIFICATION: 'false' }).requireEmailVerification).toBe(false);
  });

  it('refuses a PUBLIC_URL that is not http or https', () => {
    expect(configError({ PUBLIC_URL: 'ftp://files.example.az' }).problems).toEqual(['PUBLIC_URL: expected an http or https URL']);
  });

  it('starts outside production with no JWT_SECRET (a key is generated)', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).jwtSecret).toBeUndefined();
  });

  it('refuses an unknown NODE_ENV instead of guessing', () => {
    expect(configError({ NODE_ENV: 'prod' }).problems).toEqual(['NODE_ENV: expected one of development, test, production, got "prod"']);
  });
});

describe('loadConfig never reveals URL passwords', () => {
  const SECRET = 'Sup3r-S3cret-pw';
  it.each<[string, string]>([
    ['DATABASE_URL', `mysql://app:${SECRET}@db:3306/appeals`],
    ['DATABASE_URL', `://app:${SECRET}@db:5432/appeals`],
    ['DATABASE_URL', `app:${SECRET}@db:5432/appeals`],
    ['REDIS_URL', `http://:${SECRET}@cache:6379`],
    ['REDIS_URL', `redis//:${SECRET}@cache`],
    ['SMTP_URL', `ftp://mailer:${SECRET}@smtp.example.az`],
    ['SMTP_URL', `mailer:${SECRET}`],
  ])('keeps the value of a bad %s (%s) out of the error', (name, value) => {
    const error = configError({ [name]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].startsWith(`${name}: `)).toBe(true);
    expect(error.message).not.toContain(SECRET);
    expect(error.problems.join('\n')).not.toContain(SECRET);
  });
});
