/**
 * Typed configuration, validated once at boot. This is the only file that reads `process.env`
 * (STYLE.md "Config"): every other part of the code receives an `AppConfig`.
 */
export type AppRole = 'api' | 'worker' | 'all';

export interface AppConfig {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly role: AppRole;
  readonly port: number;
  readonly host: string;
  /** Undefined means "not configured": the launcher then finds or starts a local server. */
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  readonly publicUrl: string;
  /** The access tokens' HS256 key from JWT_SECRET; undefined: generated once and kept in the database (app_secrets). */
  readonly jwtSecret: string | undefined;
  readonly jwtTtlSeconds: number;
  /**
   * Fastify's `trustProxy`: whether (true), how many hops (a number) or which proxies (addresses or
   * CIDR ranges) may set X-Forwarded-For. Off: the peer address is the client (rate limits per address).
   */
  readonly trustProxy: boolean | number | readonly string[];
  /** Citizens prove their e-mail before submitting (the service never mails an address an account does not own). */
  readonly requireEmailVerification: boolean;
  /** Roles that must sign in with a second factor (TOTP, RFC 6238). */
  readonly staffTotpRequired: readonly TotpRole[];
  /** Prefix of every BullMQ key, so that test runs and deployments never share queues. */
  readonly queuePrefix: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  readonly dbPoolSize: number;
  /** The role the app runs as after connecting (no UPDATE/DELETE on the audit trail); null: the login user. */
  readonly dbAppRole: string | null;
  /** pg_trgm similarity from which two appeals of one applicant are on the same matter (Art. 8.1.4, appeals-rules.md 15). */
  readonly sameMatterSimilarity: number;
  /** 594-1.1.2: a complaint about an agency's head never goes to a body under that agency. */
  readonly respondentHeadCoversSubordinates: boolean;
  readonly bodyLimitBytes: number;
  readonly attachmentMaxBytes: number;
  readonly attachmentsPerAppealMaxBytes: number;
  /** Login attempts per account per window (and 10x per client address). */
  readonly loginRateLimit: RateLimit;
  /** Registrations per client address per window. */
  readonly registerRateLimit: RateLimit;
  /** Password-reset requests per client address per window. */
  readonly passwordResetRateLimit: RateLimit;
  /** Portal appeals one citizen may submit in any 24 hours (API.md "Accounts and sessions"). */
  readonly appealsPerCitizenPerDay: number;
  readonly dataDir: string;
  /** Runs the schedulers (outbox relay and deadline timers) in this process. */
  readonly schedulerEnabled: boolean;
  readonly timers: TimerConfig;
  readonly webhooks: WebhookConfig;
  /** Closed cases older than this many years lose their personal data (the statistics stay); null: never. */
  readonly retentionYears: number | null;
  /** Requests per minute to a calendar feed, per client address and per feed. */
  readonly calendarFeedRateLimitPerMinute: number;
  /** GET /metrics on the API port answers a Bearer request with this token; unset: 404 there. */
  readonly metricsToken: string | undefined;
  /** A port of its own (bound to HOST) serving /metrics without a token; unset: none. */
  readonly metricsPort: number | undefined;
  /** OTLP/HTTP endpoint of the trace collector; unset: tracing off (not even loaded). */
  readonly otlpEndpoint: string | undefined;
  /** Sign-in through the state's identity provider (OpenID Connect); null: off (its routes are 404). */
  readonly oidc: OidcConfig | null;
}

export interface OidcConfig {
  /** The provider's issuer identifier; its discovery document is read on the first sign-in. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the provider sends the browser back; registered with the provider. */
  readonly redirectUrl: string;
}

export interface WebhookConfig {
  /** Loopback and private targets are refused unless this is set (tests, local trials). */
  readonly allowPrivateTargets: boolean;
  /** Connect-and-answer limit of one delivery attempt. */
  readonly timeoutMs: number;
}

export interface RateLimit {
  readonly max: number;
  readonly windowSeconds: number;
}

/** The roles STAFF_TOTP_REQUIRED may name (citizens sign in with their password alone). */
export const TOTP_ROLES = ['registrar', 'official', 'supervisor', 'admin'] as const;
export type TotpRole = (typeof TOTP_ROLES)[number];

export interface TimerConfig {
  /** Warnings this many working days before a review term ends (Art. 10.1); "due today" is always sent. */
  readonly warningDays: readonly number[];
  /** Overdue by this many working days: the parent agency's supervisors are alerted. */
  readonly escalationWorkingDays: number;
  /** How often the scheduler claims due timers. */
  readonly tickMs: number;
  /** How far ahead timers are handed to Redis as delayed jobs: Redis holds only this window. */
  readonly horizonSeconds: number;
  /** Most timers per queue job (timers firing in the same second share a job). */
  readonly batchMax: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEV_ADMIN_PASSWORD = 'admin-password-change-me';

/**
 * Signing keys published with this project (an earlier source default, the compose file's
 * fallback, the benches'): anyone can read them, so they are refused in every mode.
 */
const KNOWN_SAMPLE_SECRETS = [
  'dev-only-secret-change-me-0123456789abcdef',
  'compose-only-secret-change-me-0123456789',
  'bench-secret-bench-secret-bench-secret',
];

/** Why a JWT_SECRET is unfit, or undefined: 32+ characters that look random, and no published sample. */
export function jwtSecretProblem(secret: string): string | undefined {
  if (secret.length < 32) return 'JWT_SECRET: must be at least 32 characters';
  const lower = secret.toLowerCase();
  if (KNOWN_SAMPLE_SECRETS.includes(secret) || /change[-_ ]?me|example|sample|placeholder/.test(lower)) {
    return 'JWT_SECRET: a published sample value; generate one, e.g. `openssl rand -base64 48`, or leave it unset to have one generated';
  }
  // A repeated or sequential filler ("xxxx...", "0123...0123") is not random: demand some variety.
  if (new Set(secret).size < 10) return 'JWT_SECRET: must be random (at least 10 different characters)';
  return undefined;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const port = read.int('PORT', 3000, 0, 65535);
  // No key in the source in any mode: unset, the first start generates one and keeps it in the database.
  const jwtSecret = read.optionalString('JWT_SECRET');
  const publicUrl = read.string('PUBLIC_URL', `http://localhost:${port}`).replace(/\/+$/, '');
  const secretProblem = jwtSecret === undefined ? undefined : jwtSecretProblem(jwtSecret);
  if (secretProblem) problems.push(secretProblem);

  const config: AppConfig = {
    nodeEnv,
    role: read.oneOf('APP_ROLE', ['api', 'worker', 'all'] as const, 'all'),
    port,
    // Loopback unless told otherwise: a default `npm start` (with the sample admin password) must
    // not be reachable from the network. The image sets HOST=0.0.0.0, as a container must.
    host: read.string('HOST', 'localhost'),
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    smtpUrl: read.url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: read.string('MAIL_FROM', 'e-Muraciet <no-reply@e-muraciet.local>'),
    adminEmail: read.string('ADMIN_EMAIL', 'admin@e-muraciet.local').toLowerCase(),
    adminPassword: read.string('ADMIN_PASSWORD', DEV_ADMIN_PASSWORD),
    publicUrl,
    jwtSecret,
    jwtTtlSeconds: read.int('JWT_TTL_SECONDS', 3600, 60, 86400),
    trustProxy: trustProxy(read.optionalString('TRUST_PROXY'), problems),
    requireEmailVerification: read.bool('AUTH_REQUIRE_EMAIL_VERIFICATION', true),
    staffTotpRequired: read.list('STAFF_TOTP_REQUIRED', TOTP_ROLES),
    queuePrefix: read.string('QUEUE_PREFIX', 'emuraciet'),
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const, 'info'),
    dbPoolSize: read.int('DB_POOL_SIZE', 20, 1, 200),
    respondentHeadCoversSubordinates: read.bool('RESPONDENT_HEAD_COVERS_SUBORDINATES', true),
    sameMatterSimilarity: read.number('SAME_MATTER_SIMILARITY', 0.4, 0.05, 1),
    dbAppRole: dbAppRole(read.string('DATABASE_APP_ROLE', 'emuraciet_app'), problems),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    attachmentMaxBytes: read.int('ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    attachmentsPerAppealMaxBytes: read.int('ATTACHMENTS_PER_APPEAL_MAX_BYTES', 25 * 1024 * 1024, 1024, 500 * 1024 * 1024),
    loginRateLimit: {
      max: read.int('LOGIN_RATE_LIMIT_MAX', 10, 1, 10000),
      windowSeconds: read.int('LOGIN_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86400),
    },
    registerRateLimit: {
      max: read.int('REGISTER_RATE_LIMIT_MAX', 10, 1, 100000),
      windowSeconds: read.int('REGISTER_RATE_LIMIT_WINDOW_SECONDS', 3600, 1, 86400),
    },
    passwordResetRateLimit: {
      max: read.int('PASSWORD_RESET_RATE_LIMIT_MAX', 10, 1, 100000),
      windowSeconds: read.int('PASSWORD_RESET_RATE_LIMIT_WINDOW_SECONDS', 3600, 1, 86400),
    },
    appealsPerCitizenPerDay: read.int('APPEALS_PER_CITIZEN_PER_DAY', 20, 1, 1_000_000),
    dataDir: read.string('DATA_DIR', '.data'),
    schedulerEnabled: read.bool('SCHEDULER_ENABLED', true),
    timers: {
      warningDays: read.intList('TIMER_WARNING_DAYS', [3, 1], 1, 30),
      escalationWorkingDays: read.int('ESCALATION_WORKING_DAYS', 5, 1, 60),
      tickMs: read.int('TIMER_TICK_MS', 1_000, 50, 60_000),
      horizonSeconds: read.int('TIMER_HORIZON_SECONDS', 120, 5, 3_600),
      batchMax: read.int('TIMER_BATCH_MAX', 2_000, 1, 10_000),
    },
    webhooks: {
      allowPrivateTargets: read.bool('WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
      timeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 5_000, 500, 30_000),
    },
    retentionYears: read.optionalInt('RETENTION_YEARS', 1, 100),
    calendarFeedRateLimitPerMinute: read.int('CALENDAR_FEED_RATE_LIMIT_PER_MINUTE', 60, 1, 10_000),
    oidc: oidcConfig(read, publicUrl, problems),
    metricsToken: read.optionalString('METRICS_TOKEN'),
    metricsPort: read.optionalInt('METRICS_PORT', 1, 65535) ?? undefined,
    otlpEndpoint: read.url('OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']),
  };
  // A guessable token would publish the service's internals (queue depths, overdue counts per agency).
  if (config.metricsToken !== undefined && config.metricsToken.length < 24) problems.push('METRICS_TOKEN: must be at least 24 characters');
  if (config.metricsPort !== undefined && config.metricsPort === config.port) problems.push('METRICS_PORT: must differ from PORT');
  // The password policy's length (src/users/domain/password-policy.ts); the common-password list is checked when the admin is created.
  if (config.adminPassword.length < 12) problems.push('ADMIN_PASSWORD: must be at least 12 characters');
  if (nodeEnv === 'production' && config.adminPassword === DEV_ADMIN_PASSWORD) {
    problems.push('ADMIN_PASSWORD: must be set in production');
  }
  if (!/^https?:\/\/[^/]/.test(config.publicUrl)) problems.push('PUBLIC_URL: expected an http or https URL');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together turn the sign-in on; none of them:
 * off. The issuer and the redirect must be https, except on this machine (a local provider in
 * tests and trials): tokens and codes never cross a network in clear.
 */
function oidcConfig(read: EnvReader, publicUrl: string, problems: string[]): OidcConfig | null {
  const required = {
    OIDC_ISSUER: read.optionalString('OIDC_ISSUER'),
    OIDC_CLIENT_ID: read.optionalString('OIDC_CLIENT_ID'),
    OIDC_CLIENT_SECRET: read.optionalString('OIDC_CLIENT_SECRET'),
  };
  const redirect = read.optionalString('OIDC_REDIRECT_URL');
  const missing = Object.entries(required)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length === 3) {
    if (redirect !== undefined) problems.push('OIDC_REDIRECT_URL: set only with OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
    return null;
  }
  if (missing.length > 0) {
    problems.push(
      `${missing.join(', ')}: OpenID Connect sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together (or none of them)`,
    );
    return null;
  }
  const {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: clientId,
    OIDC_CLIENT_SECRET: clientSecret,
  } = required as Record<keyof typeof required, string>;
  const redirectUrl = redirect ?? `${publicUrl}/auth/oidc/callback`;
  if (!isSecureOrLocalUrl(issuer)) problems.push('OIDC_ISSUER: expected an https URL (http only for localhost or 127.0.0.1)');
  if (!isSecureOrLocalUrl(redirectUrl))
    problems.push(
      'OIDC_REDIRECT_URL: expected an https URL (http only for localhost or 127.0.0.1); it defaults to PUBLIC_URL/auth/oidc/callback',
    );
  if (clientId.length > 255) problems.push('OIDC_CLIENT_ID: at most 255 characters');
  return { issuer, clientId, clientSecret, redirectUrl };
}

function isSecureOrLocalUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** Small typed readers that collect every problem instead of stopping at the first. */
class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  /** Comma-separated distinct values out of `allowed`, e.g. "supervisor,admin"; unset or "none": none. */
  list<T extends string>(name: string, allowed: readonly T[]): T[] {
    const value = this.raw(name);
    if (value === undefined || value.toLowerCase() === 'none') return [];
    const parts = value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const unknown = parts.filter((part) => !(allowed as readonly string[]).includes(part));
    if (unknown.length > 0) {
      this.problems.push(`${name}: expected a comma-separated list of ${allowed.join(', ')}, got "${value}"`);
      return [];
    }
    return [...new Set(parts)] as T[];
  }

  int(name: string, fallback: number, min: number, max: number): number {
    return this.numeric(name, fallback, min, max, true);
  }

  /** An integer, or null when unset (a feature that is off unless configured). */
  optionalInt(name: string, min: number, max: number): number | null {
    return this.raw(name) === undefined ? null : this.numeric(name, min, min, max, true);
  }

  number(name: string, fallback: number, min: number, max: number): number {
    return this.numeric(name, fallback, min, max, false);
  }

  private numeric(name: string, fallback: number, min: number, max: number, integer: boolean): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed)) || parsed < min || parsed > max) {
      this.problems.push(`${name}: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return parsed;
  }

  /** Comma-separated distinct integers, e.g. "3,1". */
  intList(name: string, fallback: number[], min: number, max: number): number[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = value.split(',').map((part) => Number(part.trim()));
    if (parsed.some((n) => !Number.isInteger(n) || n < min || n > max) || new Set(parsed).size !== parsed.length) {
      this.problems.push(`${name}: expected distinct integers from ${min} to ${max}, comma-separated, got "${value}"`);
      return fallback;
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name}: expected true or false, got "${value}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    }
    return value as T;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        this.problems.push(`${name}: expected a ${protocols.join(' or ')} URL`);
        return undefined;
      }
      return value;
    } catch {
      // Never echo the value: URLs carry passwords.
      this.problems.push(`${name}: not a valid URL`);
      return undefined;
    }
  }
}

/**
 * TRUST_PROXY: off (default), `true` (every hop), a hop count, or the proxies' addresses / CIDR
 * ranges (comma-separated; also Fastify's names `loopback`, `linklocal`, `uniquelocal`).
 */
function trustProxy(value: string | undefined, problems: string[]): boolean | number | string[] {
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (['0', 'false', 'no', 'off'].includes(lower)) return false;
  if (['true', 'yes', 'on'].includes(lower)) return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 100) return hops;
  }
  const entries = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const entry = /^(loopback|linklocal|uniquelocal|[0-9.]+(\/\d{1,2})?|[0-9a-f:.]+(\/\d{1,3})?)$/i;
  if (entries.length === 0 || entries.some((part) => !entry.test(part))) {
    problems.push(`TRUST_PROXY: expected true, false, a hop count or comma-separated proxy addresses / CIDR ranges, got "${value}"`);
    return false;
  }
  return entries;
}

/** `none` runs as the login user (a database where the migrations could not create the role). */
function dbAppRole(value: string, problems: string[]): string | null {
  if (value === 'none') return null;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) problems.push('DATABASE_APP_ROLE: expected a role name [a-z0-9_] or none');
  return value;
}
