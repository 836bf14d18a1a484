"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigError = void 0;
exports.loadConfig = loadConfig;
class ConfigError extends Error {
    problems;
    constructor(problems) {
        super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
        this.problems = problems;
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';
function loadConfig(env = process.env) {
    const problems = [];
    const read = new EnvReader(env, problems);
    const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'], 'development');
    const port = read.int('PORT', 3000, 0, 65535);
    const jwtSecret = read.string('JWT_SECRET', DEV_JWT_SECRET);
    if (nodeEnv === 'production' && jwtSecret === DEV_JWT_SECRET) {
        problems.push('JWT_SECRET: must be set in production');
    }
    if (jwtSecret.length < 32)
        problems.push('JWT_SECRET: must be at least 32 characters');
    const config = {
        nodeEnv,
        role: read.oneOf('APP_ROLE', ['api', 'worker', 'all'], 'all'),
        port,
        host: read.string('HOST', '0.0.0.0'),
        databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
        redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
        smtpUrl: read.url('SMTP_URL', ['smtp:', 'smtps:']),
        mailFrom: read.string('MAIL_FROM', 'e-Muraciet <no-reply@e-muraciet.local>'),
        adminEmail: read.string('ADMIN_EMAIL', 'admin@e-muraciet.local').toLowerCase(),
        adminPassword: read.string('ADMIN_PASSWORD', 'admin-password-change-me'),
        publicUrl: read.string('PUBLIC_URL', `http://localhost:${port}`).replace(/\/+$/, ''),
        jwtSecret,
        jwtTtlSeconds: read.int('JWT_TTL_SECONDS', 3600, 60, 86400),
        queuePrefix: read.string('QUEUE_PREFIX', 'emuraciet'),
        logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'silent'], 'info'),
        dbPoolSize: read.int('DB_POOL_SIZE', 20, 1, 200),
        bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
        attachmentMaxBytes: read.int('ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
        attachmentsPerAppealMaxBytes: read.int('ATTACHMENTS_PER_APPEAL_MAX_BYTES', 25 * 1024 * 1024, 1024, 500 * 1024 * 1024),
        loginRateLimit: {
            max: read.int('LOGIN_RATE_LIMIT_MAX', 10, 1, 10000),
            windowSeconds: read.int('LOGIN_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86400),
        },
        dataDir: read.string('DATA_DIR', '.data'),
        schedulerEnabled: read.bool('SCHEDULER_ENABLED', true),
    };
    if (config.adminPassword.length < 8)
        problems.push('ADMIN_PASSWORD: must be at least 8 characters');
    if (problems.length > 0)
        throw new ConfigError(problems);
    return config;
}
/** Small typed readers that collect every problem instead of stopping at the first. */
class EnvReader {
    env;
    problems;
    constructor(env, problems) {
        this.env = env;
        this.problems = problems;
    }
    raw(name) {
        const value = this.env[name];
        return value === undefined || value.trim() === '' ? undefined : value.trim();
    }
    string(name, fallback) {
        return this.raw(name) ?? fallback;
    }
    int(name, fallback, min, max) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        const parsed = Number(value);
        if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
            this.problems.push(`${name}: expected an integer from ${min} to ${max}, got "${value}"`);
            return fallback;
        }
        return parsed;
    }
    bool(name, fallback) {
        const value = this.raw(name)?.toLowerCase();
        if (value === undefined)
            return fallback;
        if (['1', 'true', 'yes', 'on'].includes(value))
            return true;
        if (['0', 'false', 'no', 'off'].includes(value))
            return false;
        this.problems.push(`${name}: expected true or false, got "${value}"`);
        return fallback;
    }
    oneOf(name, allowed, fallback) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        if (!allowed.includes(value)) {
            this.problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${value}"`);
            return fallback;
        }
        return value;
    }
    url(name, protocols) {
        const value = this.raw(name);
        if (value === undefined)
            return undefined;
        try {
            const url = new URL(value);
            if (!protocols.includes(url.protocol)) {
                this.problems.push(`${name}: expected a ${protocols.join(' or ')} URL`);
                return undefined;
            }
            return value;
        }
        catch {
            // Never echo the value: URLs carry passwords.
            this.problems.push(`${name}: not a valid URL`);
            return undefined;
        }
    }
}
//# sourceMappingURL=app-config.js.map