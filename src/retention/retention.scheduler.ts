import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { scheduledRunDay } from './domain/retention';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

const CHECK_INTERVAL_MS = 60_000;
const bakuHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Baku', hour: '2-digit', hourCycle: 'h23' });

/**
 * The daily retention run in the worker role, from 03:00 Baku. With several workers the day is
 * claimed in retention_runs (unique per day), so it runs once.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionScheduler.name);
  private lastDay: string | null = null;
  private running?: Promise<unknown>;

  constructor(
    private readonly retention: RetentionService,
    private readonly runs: RetentionRepository,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api' || !this.config.schedulerEnabled || this.config.retentionYears === null) return;
    this.lastDay = await this.runs.lastScheduledDay();
    const timer = setInterval(() => void this.tick(), CHECK_INTERVAL_MS);
    this.scheduler.addInterval('retention', timer);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', 'retention')) this.scheduler.deleteInterval('retention');
    await this.running?.catch(() => undefined);
  }

  /** One check; runs the day's erasure when due. Exposed for tests (pinned clock). */
  async tick(): Promise<boolean> {
    if (this.running) return false;
    const now = this.clock.now();
    const day = scheduledRunDay(bakuDateOf(now), Number(bakuHour.format(now)), this.lastDay);
    if (!day) return false;
    this.running = this.retention.runScheduled(day);
    try {
      await this.running;
      this.lastDay = day;
      return true;
    } catch (error) {
      this.logger.warn(`retention run: ${(error as Error).message}`);
      return false;
    } finally {
      this.running = undefined;
    }
  }
}
