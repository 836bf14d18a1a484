import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainError } from '../errors/domain-error';
import { REDIS } from '../queue/queue.module';

/**
 * Fixed-window request limits in Redis, shared by every API replica. Keys hold hashes of what
 * they count (addresses, tokens), never the values.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one request against each key; over `max` in the window: 429 with the seconds to wait. */
  async hit(scope: string, values: readonly string[], max: number, windowSeconds: number): Promise<void> {
    const keys = values.map(
      (value) => `${this.config.queuePrefix}:rate:${scope}:${createHash('sha256').update(value).digest('hex').slice(0, 32)}`,
    );
    const multi = this.redis.multi();
    for (const key of keys) multi.incr(key).expire(key, windowSeconds, 'NX').ttl(key);
    const results = (await multi.exec()) ?? [];
    for (let i = 0; i < keys.length; i++) {
      const hits = Number(results[i * 3]?.[1] ?? 0);
      if (hits > max) {
        const ttl = Number(results[i * 3 + 2]?.[1] ?? windowSeconds);
        throw new TooManyRequestsError(ttl > 0 ? ttl : windowSeconds);
      }
    }
  }
}

/** 429; the controller sends `Retry-After` from `retryAfterSeconds`. */
export class TooManyRequestsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', `Too many requests; try again in ${retryAfterSeconds} s.`);
  }
}
