import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Db } from '../platform/database/db';
import { OutboxService } from '../platform/outbox/outbox.service';
import { QUEUE_NAMES, TimerJobPayload } from '../platform/queue/queues';
import { QueueConsumer } from '../platform/queue/queue-consumer';
import { AlertsRepository } from './alerts.repository';

/** Jobs in flight per worker process; each job is a batch of timers and one statement. */
export const TIMER_CONCURRENCY = 8;

/**
 * Fires timer jobs: one transaction per job marks the batch's timers fired, writes their alerts and
 * the mails' outbox rows; the mails leave after commit. A stale job (generation moved on, timer
 * already fired, case closed) finds nothing to do.
 */
@Injectable()
export class TimerFiring {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly outbox: OutboxService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async fire(payload: TimerJobPayload): Promise<{ fired: number; skipped: number }> {
    const result = await this.db.transaction(async (tx) => {
      const fired = await this.repository.fireBatch(tx, payload.timers, this.clock.now());
      this.outbox.handOff(tx, fired.outbox);
      return fired;
    });
    return { fired: result.fired, skipped: payload.timers.length - result.fired };
  }
}

/** Present in the `worker` and `all` roles only. */
@Injectable()
export class TimerWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TimerWorker.name);
  private consumer?: QueueConsumer<TimerJobPayload>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly firing: TimerFiring,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.consumer = new QueueConsumer<TimerJobPayload>(
      this.config,
      QUEUE_NAMES.timers,
      (job) => this.firing.fire(job.data),
      TIMER_CONCURRENCY,
      this.logger,
    );
  }

  /** Stops taking jobs. `force` abandons running ones, as a killed process would (tests). */
  async stop(force = false): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.close(force);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
