import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { createRedis } from '../platform/queue/redis';
import { decodeRevocation, Revocation, SessionRevocations } from '../users/session-revocations';
import { Actor } from './actor';

/** How long a checked session is trusted without asking PostgreSQL again. */
export const SESSION_CACHE_TTL_MS = 5_000;
const SESSION_CACHE_MAX = 50_000;

/**
 * A per-process cache of checked sessions (the actor each names), so an authenticated request
 * costs a map lookup, not a query. Revocation is prompt:
 * - a change in this process empties the entry at commit (SessionRevocations' local listeners);
 * - other processes hear it through Redis pub/sub within milliseconds;
 * - while the subscription is down (Redis unreachable, reconnecting) the cache is not used at all:
 *   every request asks PostgreSQL, so a message missed then cannot leave a revoked session open;
 * - entries live at most SESSION_CACHE_TTL_MS (5 s): the bound if a message is lost while the
 *   subscription stays up;
 * - a load that started before a revocation arrived is not cached (a generation counter).
 */
@Injectable()
export class SessionCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionCache.name);
  private readonly entries = new Map<string, { actor: Actor; until: number }>();
  private subscriber?: Redis;
  private subscribed = false;
  private stopLocal?: () => void;
  /** Bumped by every revocation: a load that began under an older generation is not cached. */
  generation = 0;

  constructor(
    private readonly revocations: SessionRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.stopLocal = this.revocations.listen((revocation) => this.forget(revocation));
    if (!this.config.redisUrl) return;
    const subscriber = createRedis(this.config.redisUrl, 'client');
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.revocations.channel) return;
      const revocation = decodeRevocation(message);
      // Unreadable: forget everything rather than guess.
      if (revocation) this.forget(revocation);
      else this.reset();
    });
    subscriber.on('ready', () => {
      subscriber.subscribe(this.revocations.channel).then(
        () => {
          // Messages sent while we were away are lost: start from an empty cache.
          this.reset();
          this.subscribed = true;
        },
        (error: Error) => this.logger.warn(`session revocations not subscribed: ${error.message}`),
      );
    });
    for (const event of ['close', 'reconnecting', 'end']) {
      subscriber.on(event, () => {
        this.subscribed = false;
        this.reset();
      });
    }
    subscriber.on('error', () => undefined);
  }

  get(sessionId: string, userId: string): Actor | undefined {
    if (!this.subscribed) return undefined;
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.until <= Date.now() || entry.actor.id !== userId) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.actor;
  }

  /** Keeps a checked session, unless a revocation arrived since `generation` was read or revocations are not heard. */
  set(sessionId: string, actor: Actor, generation: number): void {
    if (!this.subscribed || generation !== this.generation) return;
    if (this.entries.size >= SESSION_CACHE_MAX) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(sessionId, { actor, until: Date.now() + SESSION_CACHE_TTL_MS });
  }

  forget(revocation: Revocation): void {
    this.generation++;
    if (revocation.kind === 'session') {
      this.entries.delete(revocation.id);
      return;
    }
    for (const [sessionId, entry] of this.entries) if (entry.actor.id === revocation.id) this.entries.delete(sessionId);
  }

  private reset(): void {
    this.generation++;
    this.entries.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopLocal?.();
    this.subscribed = false;
    await this.subscriber?.quit().catch(() => undefined);
  }
}
