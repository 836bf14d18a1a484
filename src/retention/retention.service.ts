import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErasureCounts, NO_ERASURE, PersonalDataService } from '../appeals/personal-data.service';
import { Actor } from '../auth/actor';
import { recordAdminAction } from '../platform/audit/audit-log';
import { Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Db } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { closedBefore } from './domain/retention';
import { RetentionReportDto } from './dto/retention.dto';
import { RetentionRepository } from './retention.repository';
import { toInstant } from '../platform/clock/instant';

/** Appeals erased per transaction: short locks on their state rows, and a bounded statement. */
const ERASE_BATCH = 500;

/**
 * Retention of closed cases (RETENTION_YEARS): a dry run reports what would be erased; a run
 * erases it batch by batch, each batch one transaction with each appeal's audit event. Every run
 * is recorded with its counts (retention_runs, audit_log); none holds personal data.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly personalData: PersonalDataService,
    private readonly runs: RetentionRepository,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The admin route. */
  async run(actor: Actor, input: { dryRun?: boolean }): Promise<RetentionReportDto> {
    const report = await this.execute({ dryRun: input.dryRun ?? true, actorId: actor.id, scheduledDay: null });
    return report as RetentionReportDto;
  }

  /** The worker's daily run; null when another worker already ran this day's. */
  async runScheduled(day: string): Promise<RetentionReportDto | null> {
    return this.execute({ dryRun: false, actorId: null, scheduledDay: day });
  }

  private async execute(input: {
    dryRun: boolean;
    actorId: string | null;
    scheduledDay: string | null;
  }): Promise<RetentionReportDto | null> {
    const years = this.config.retentionYears;
    if (years === null) throw new DomainError('RETENTION_NOT_CONFIGURED', 'Retention is off: set RETENTION_YEARS.');
    const now = this.clock.now();
    const cutoff = closedBefore(now, years);
    const runId = await this.db.transaction(async (tx) => {
      const id = await this.runs.start(tx, { ...input, retentionYears: years, closedBefore: cutoff, at: now });
      if (id) {
        await recordAdminAction(tx, {
          actorId: input.actorId,
          action: input.dryRun ? 'retention.dry_run' : 'retention.run',
          subjectType: 'retention_run',
          subjectId: id,
          data: { retentionYears: years, closedBefore: toInstant(cutoff), scheduled: input.scheduledDay !== null },
        });
      }
      return id;
    });
    if (!runId) return null;
    let counts: ErasureCounts;
    let mailRecipients = 0;
    if (input.dryRun) {
      counts = await this.personalData.countErasable(cutoff);
    } else {
      counts = { ...NO_ERASURE };
      for (;;) {
        const batch = await this.db.transaction((tx) =>
          this.personalData.eraseBatch(tx, {
            closedBefore: cutoff,
            limit: ERASE_BATCH,
            at: this.clock.now(),
            actorId: input.actorId,
            retentionYears: years,
          }),
        );
        for (const key of Object.keys(counts) as Array<keyof ErasureCounts>) counts[key] += batch[key];
        if (batch.appeals < ERASE_BATCH) break;
      }
      mailRecipients = await this.personalData.forgetMailRecipients();
    }
    const report: RetentionReportDto = {
      runId,
      dryRun: input.dryRun,
      retentionYears: years,
      closedBefore: toInstant(cutoff),
      ...counts,
      mailRecipients,
    };
    const { runId: _id, ...recorded } = report;
    await this.runs.finish(runId, recorded, this.clock.now());
    this.logger.log(recorded, input.dryRun ? 'retention dry run' : 'retention run');
    return report;
  }
}
