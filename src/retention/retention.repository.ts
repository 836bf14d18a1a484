import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor } from '../platform/database/db';

/** The record of each retention run (counts only), and the claim of a day's scheduled run. */
@Injectable()
export class RetentionRepository {
  constructor(private readonly db: Db) {}

  /** A run starts; a scheduled one claims its Baku day first (null: another worker has it). */
  async start(
    executor: SqlExecutor,
    run: { scheduledDay: string | null; dryRun: boolean; retentionYears: number; closedBefore: Date; actorId: string | null; at: Date },
  ): Promise<string | null> {
    const [row] = await executor.query<{ id: string }>(
      `INSERT INTO retention_runs (scheduled_day, dry_run, retention_years, closed_before, actor_id, started_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (scheduled_day) DO NOTHING RETURNING id::text`,
      [run.scheduledDay, run.dryRun, run.retentionYears, run.closedBefore, run.actorId, run.at],
    );
    return row?.id ?? null;
  }

  async finish(id: string, counts: object, at: Date): Promise<void> {
    await this.db.execute(`UPDATE retention_runs SET finished_at = $2, counts = $3 WHERE id = $1`, [id, at, JSON.stringify(counts)]);
  }

  async lastScheduledDay(): Promise<string | null> {
    const [row] = await this.db.query<{ day: string | null }>(`SELECT max(scheduled_day)::text AS day FROM retention_runs`);
    return row?.day ?? null;
  }
}
