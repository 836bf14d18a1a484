import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OutboxJobPayload, QUEUE_NAMES } from '../queue/queues';
import { QueueConsumer } from '../queue/queue-consumer';
import { OutboxProcessor } from './outbox.processor';
import { OutboxRelay } from './outbox.relay';

const RELAY_INTERVAL_MS = 10_000;
const OUTBOX_CONCURRENCY = 16;

/** Present in the `worker` and `all` roles only: consumes the outbox queue and runs the relay. */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private consumer?: QueueConsumer<OutboxJobPayload>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly processor: OutboxProcessor,
    private readonly relay: OutboxRelay,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.consumer = new QueueConsumer<OutboxJobPayload>(
      this.config,
      QUEUE_NAMES.outbox,
      (job) => {
        const data = job.data;
        const attempt = job.attemptsMade + 1;
        return 'outboxIds' in data ? this.processor.processBatch(data.outboxIds, attempt) : this.processor.process(data.outboxId, attempt);
      },
      OUTBOX_CONCURRENCY,
      this.logger,
    );
    if (this.config.schedulerEnabled) {
      const timer = setInterval(() => {
        this.relay.relayPending().catch((error: Error) => this.logger.warn(`outbox relay: ${error.message}`));
      }, RELAY_INTERVAL_MS);
      this.scheduler.addInterval('outbox-relay', timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', 'outbox-relay')) this.scheduler.deleteInterval('outbox-relay');
    await this.consumer?.close();
  }
}
