import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig, RateLimit } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { DomainError, TooManyRequestsError } from '../platform/errors/domain-error';
import { REDIS } from '../platform/queue/queue.module';

/** A Redis that does not answer within this is "down": the auth routes say 503 rather than hang. */
const REDIS_TIMEOUT_MS = 2_000;

/**
 * Second-factor codes tried at sign-in, per account: RFC 6238 sect. 5.2 asks the verifier to
 * throttle. The login allowance alone (10 a minute) lets ~14,400 codes a day through, a 4 % daily
 * chance at one of the 3 codes the window accepts for someone who holds the password; 5 in 15
 * minutes is ample for the owner (a code changes every 30 s) and ~30 times less for a guesser.
 */
export const TOTP_CODE_LIMIT: RateLimit = { max: 5, windowSeconds: 900 };

interface Counter {
  readonly name: string;
  readonly value: string;
  readonly limit: RateLimit;
}

/**
 * Fixed-window limits of the auth routes in Redis, shared by every API replica. Keys hold hashes,
 * never e-mails or addresses. Above a limit: 429 with `Retry-After` (the window's remaining
 * seconds). Redis unreachable: 503 SERVICE_UNAVAILABLE, never a 500 and never "let everyone in".
 * Client addresses are Fastify's `request.ip`, which reads X-Forwarded-For only as TRUST_PROXY allows.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Per account (password guessing) and per client address (spraying; 10x: an address may be a NAT of many people). */
  async login(email: string, clientIp: string): Promise<void> {
    const limit = this.config.loginRateLimit;
    await this.enforce(
      [
        { name: 'login:account', value: email, limit },
        { name: 'login:ip', value: clientIp, limit: { max: limit.max * 10, windowSeconds: limit.windowSeconds } },
      ],
      'Too many sign-in attempts; try again later.',
    );
  }

  /** Guessing the current password (or a second-factor code) from a stolen session counts against the account's login allowance. */
  async passwordCheck(userId: string): Promise<void> {
    await this.enforce(
      [{ name: 'login:account-id', value: userId, limit: this.config.loginRateLimit }],
      'Too many attempts; try again later.',
    );
  }

  /** Identity-provider sign-ins started per client address (each writes a row): the login allowance per address. */
  async oidcStart(clientIp: string): Promise<void> {
    const limit = this.config.loginRateLimit;
    await this.enforce(
      [{ name: 'oidc:ip', value: clientIp, limit: { max: limit.max * 10, windowSeconds: limit.windowSeconds } }],
      'Too many sign-in attempts; try again later.',
    );
  }

  /** A code tried at sign-in, counted only once the password matched: a stranger cannot use up the owner's allowance. */
  async totpCode(userId: string): Promise<void> {
    await this.enforce([{ name: 'login:totp', value: userId, limit: TOTP_CODE_LIMIT }], 'Too many one-time codes tried; try again later.');
  }

  async register(clientIp: string): Promise<void> {
    await this.enforce(
      [{ name: 'register:ip', value: clientIp, limit: this.config.registerRateLimit }],
      'Too many registrations from this address; try again later.',
    );
  }

  async passwordReset(clientIp: string): Promise<void> {
    await this.enforce(
      [{ name: 'reset:ip', value: clientIp, limit: this.config.passwordResetRateLimit }],
      'Too many password-reset requests from this address; try again later.',
    );
  }

  /**
   * Links mailed to one address, or asked for by one account: 3 an hour. Not an error to the caller
   * (that would tell whether the address has an account): false means "do not send".
   */
  async mailAllowed(kind: 'reset' | 'verify', value: string): Promise<boolean> {
    const hits = await this.count([{ name: `mail:${kind}`, value, limit: { max: 3, windowSeconds: 3600 } }]);
    return hits[0].hits <= 3;
  }

  private async enforce(counters: readonly Counter[], message: string): Promise<void> {
    const results = await this.count(counters);
    const over = results.filter((r) => r.hits > r.counter.limit.max);
    if (over.length > 0) {
      throw new TooManyRequestsError(message, Math.max(1, ...over.map((r) => (r.ttl > 0 ? r.ttl : r.counter.limit.windowSeconds))));
    }
  }

  private async count(counters: readonly Counter[]): Promise<Array<{ counter: Counter; hits: number; ttl: number }>> {
    const multi = this.redis.multi();
    const keys = counters.map((c) => this.key(c.name, c.value));
    counters.forEach((counter, i) => multi.incr(keys[i]).expire(keys[i], counter.limit.windowSeconds, 'NX').ttl(keys[i]));
    let results: Array<[Error | null, unknown]> | null;
    try {
      results = await withTimeout(multi.exec(), REDIS_TIMEOUT_MS);
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', 'Sign-in is briefly unavailable; try again in a minute.');
    }
    if (!results || results.some(([error]) => error)) {
      throw new DomainError('SERVICE_UNAVAILABLE', 'Sign-in is briefly unavailable; try again in a minute.');
    }
    return counters.map((counter, i) => ({ counter, hits: Number(results[i * 3][1]), ttl: Number(results[i * 3 + 2][1]) }));
  }

  private key(kind: string, value: string): string {
    const digest = createHash('sha256').update(value).digest('hex').slice(0, 32);
    return `${this.config.queuePrefix}:rl:${kind}:${digest}`;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
