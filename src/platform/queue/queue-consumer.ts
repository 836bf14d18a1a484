import { Logger } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { createRedis } from './redis';

/** A BullMQ worker on its own blocking connection, as each consumer of the worker role needs one. */
export class QueueConsumer<P> {
  private readonly connection: Redis;
  private readonly worker: Worker<P>;

  constructor(config: AppConfig, queue: string, process: (job: Job<P>) => Promise<unknown>, concurrency: number, logger: Logger) {
    this.connection = createRedis(config.redisUrl as string, 'worker');
    this.worker = new Worker<P>(queue, process, { connection: this.connection, prefix: config.queuePrefix, concurrency });
    this.worker.on('error', (error) => logger.warn(`${queue} worker: ${error.message}`));
  }

  /**
   * Lets running jobs finish (graceful shutdown); unfinished ones are picked up again as stalled.
   * `force` abandons them at once, as a killed process would.
   */
  async close(force = false): Promise<void> {
    await this.worker.close(force);
    await this.connection.quit().catch(() => undefined);
  }
}
