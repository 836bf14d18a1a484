import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { DomainError } from '../platform/errors/domain-error';
import { REDIS } from '../platform/queue/queue.module';

/**
 * Fixed-window login limits in Redis, shared by every API replica: per account (password guessing)
 * and per client address (password spraying). Keys hold hashes, not e-mails.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async hit(email: string, clientIp: string): Promise<void> {
    const { max, windowSeconds } = this.config.loginRateLimit;
    const keys = [this.key('account', email), this.key('ip', clientIp)];
    const results = await this.redis
      .multi()
      .incr(keys[0])
      .expire(keys[0], windowSeconds, 'NX')
      .incr(keys[1])
      .expire(keys[1], windowSeconds, 'NX')
      .exec();
    const accountHits = Number(results?.[0]?.[1] ?? 0);
    const ipHits = Number(results?.[2]?.[1] ?? 0);
    // An address may serve many people (NAT), so it gets a wider allowance than one account.
    if (accountHits > max || ipHits > max * 10) {
      throw new DomainError('TOO_MANY_REQUESTS', `Too many login attempts; try again in up to ${windowSeconds} s.`);
    }
  }

  private key(kind: string, value: string): string {
    const digest = createHash('sha256').update(value).digest('hex').slice(0, 32);
    return `${this.config.queuePrefix}:login:${kind}:${digest}`;
  }
}
