import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { JobProducer } from '../platform/queue/queue.module';
import { WEBHOOK_NOTIFY_CHANNEL } from './domain/webhook-events';
import { WebhooksRepository } from './webhooks.repository';

const HAND_OFF_BATCH = 1_000;
const RECONNECT_MS = 5_000;

/**
 * Deliveries are written by a trigger, inside transactions the app does not follow, so no
 * after-commit hook hands them to the queue. The trigger NOTIFYs (delivered at COMMIT only) and
 * this listener hands the new rows over at once; without it the outbox relay would find them
 * within 5-15 s, which is also what happens if this connection is down.
 */
@Injectable()
export class WebhookOutboxListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookOutboxListener.name);
  private client?: Client;
  private stopped = false;
  private running?: Promise<void>;
  private again = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: WebhooksRepository,
    private readonly producer: JobProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
  }

  /** Overlapping notifications share one hand-off, followed by one more if any came meanwhile. */
  handOff(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const rows = await this.repository.untriedOutbox(HAND_OFF_BATCH);
        await this.producer.enqueueOutbox(rows);
        if (rows.length === HAND_OFF_BATCH) this.again = true;
      } while (this.again && !this.stopped);
    })()
      .catch((error: Error) => this.logger.warn(`webhook hand-off: ${error.message}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'e-muraciet-webhooks' });
    client.on('notification', () => void this.handOff());
    client.on('error', (error) => {
      this.logger.warn(`webhook listener: ${error.message}`);
      void client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.connect(), RECONNECT_MS).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${WEBHOOK_NOTIFY_CHANNEL}`);
      this.client = client;
      // Deliveries committed while nobody listened.
      void this.handOff();
    } catch (error) {
      this.logger.warn(`webhook listener: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.connect(), RECONNECT_MS).unref();
    }
  }
}
