import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OutboxJobPayload, QUEUE_NAMES } from '../queue/queues';
import { createRedis } from '../queue/redis';
import { OutboxProcessor } from './outbox.processor';
import { OutboxRelay } from './outbox.relay';

const RELAY_INTERVAL_MS = 10_000;
const OUTBOX_CONCURRENCY = 16;

/** Present in the `worker` and `all` roles only: consumes the outbox queue and runs the relay. */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private worker?: Worker<OutboxJobPayload>;
  private connection?: Redis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly processor: OutboxProcessor,
    private readonly relay: OutboxRelay,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.connection = createRedis(this.config.redisUrl as string, 'worker');
    this.worker = new Worker<OutboxJobPayload>(
      QUEUE_NAMES.outbox,
      (job) => this.processor.process(job.data.outboxId, job.attemptsMade + 1),
      {
        connection: this.connection,
        prefix: this.config.queuePrefix,
        concurrency: OUTBOX_CONCURRENCY,
      },
    );
    this.worker.on('error', (error) => this.logger.warn(`outbox worker: ${error.message}`));
    if (this.config.schedulerEnabled) {
      const timer = setInterval(() => {
        this.relay.relayPending().catch((error: Error) => this.logger.warn(`outbox relay: ${error.message}`));
      }, RELAY_INTERVAL_MS);
      this.scheduler.addInterval('outbox-relay', timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', 'outbox-relay')) this.scheduler.deleteInterval('outbox-relay');
    // Lets running jobs finish (graceful shutdown); unfinished ones are picked up again as stalled.
    await this.worker?.close();
    await this.connection?.quit().catch(() => undefined);
  }
}
