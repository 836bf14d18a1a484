import { Inject, Injectable, Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Tx } from '../platform/database/db';
import { REDIS } from '../platform/queue/queue.module';

/** What ended or changed: one session, or everything about one user (their sessions and the account the cache holds). */
export type Revocation = { readonly kind: 'session'; readonly id: string } | { readonly kind: 'user'; readonly id: string };

type Listener = (revocation: Revocation) => void;

/**
 * Tells every API process that a session ended or an account changed, so their session caches
 * (src/auth/session-cache.ts) forget it: this process's at once, the others through Redis pub/sub.
 * Sent after COMMIT: a cache that reloads sees the change. Not an outbox effect: a lost message
 * is bounded by the cache's TTL, and a cache whose subscription is down is not used at all.
 */
@Injectable()
export class SessionRevocations {
  private readonly logger = new Logger(SessionRevocations.name);
  private readonly listeners = new Set<Listener>();
  readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.queuePrefix}:auth:revocations`;
  }

  /** Announces the revocation once the transaction has committed. */
  afterCommit(tx: Tx, revocation: Revocation): void {
    tx.afterCommit(() => this.publish(revocation));
  }

  async publish(revocation: Revocation): Promise<void> {
    for (const listener of this.listeners) listener(revocation);
    await this.redis.publish(this.channel, encodeRevocation(revocation)).catch((error: Error) => {
      this.logger.warn(`revocation not published (other processes forget it within their cache TTL): ${error.message}`);
    });
  }

  /** This process's listeners (the session cache). */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function encodeRevocation(revocation: Revocation): string {
  return `${revocation.kind === 'session' ? 's' : 'u'}:${revocation.id}`;
}

export function decodeRevocation(message: string): Revocation | undefined {
  const [kind, id] = [message.slice(0, 2), message.slice(2)];
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  if (kind === 's:') return { kind: 'session', id };
  if (kind === 'u:') return { kind: 'user', id };
  return undefined;
}
