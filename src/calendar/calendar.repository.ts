import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../platform/database/db';
import { CalendarDayRow, CalendarYear } from './domain';
import { RecomputeInput } from './deadline-recomputation.port';
import { CalendarYearEntity } from './entities/calendar-year.entity';

const YEAR = { year: true, status: true, decisionRef: true, nonWorkingDays: true, workingWeekendDays: true } as const;

/**
 * Calendar years are a plain table with an entity (docs/adr/0002-entities-for-crud-tables.md);
 * their change log, the year upsert that goes with it and the working-day mirror stay SQL.
 */
@Injectable()
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  async listYears(): Promise<CalendarYear[]> {
    return this.db.manager.getRepository(CalendarYearEntity).find({ select: YEAR, order: { year: 'ASC' } });
  }

  async currentVersion(): Promise<number> {
    const [row] = await this.db.query<{ version: number | null }>(`SELECT max(version) AS version FROM calendar_changes`);
    return row.version ?? 0;
  }

  /** Shipped data for years the database does not have yet; an admin's edits are never overwritten. */
  async insertMissingYears(years: readonly CalendarYear[]): Promise<number[]> {
    return this.db.transaction(async (tx) => {
      const inserted: number[] = [];
      for (const year of years) {
        const rows = await tx.query(
          `INSERT INTO calendar_years (year, status, decision_ref, non_working_days, working_weekend_days)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (year) DO NOTHING RETURNING year`,
          [year.year, year.status, year.decisionRef, JSON.stringify(year.nonWorkingDays), JSON.stringify(year.workingWeekendDays)],
        );
        if (rows.length === 0) continue;
        await tx.query(`INSERT INTO calendar_changes (year, source, after) VALUES ($1, 'config', $2)`, [year.year, JSON.stringify(year)]);
        inserted.push(year.year);
      }
      return inserted;
    });
  }

  /** The year locked for its change in this transaction. */
  async findYear(tx: Tx, year: number): Promise<CalendarYear | undefined> {
    const row = await tx.manager
      .getRepository(CalendarYearEntity)
      .findOne({ select: YEAR, where: { year }, lock: { mode: 'pessimistic_write' } });
    return row ?? undefined;
  }

  /** Replaces a year's data and records the change; returns the new calendar version. */
  async replaceYear(
    tx: Tx,
    year: CalendarYear,
    before: CalendarYear | null,
    actorId: string,
    recompute: Omit<RecomputeInput, 'calendarVersion'> | null,
  ): Promise<number> {
    await tx.query(
      `INSERT INTO calendar_years (year, status, decision_ref, non_working_days, working_weekend_days, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, now(), $6)
       ON CONFLICT (year) DO UPDATE SET status = EXCLUDED.status, decision_ref = EXCLUDED.decision_ref,
         non_working_days = EXCLUDED.non_working_days, working_weekend_days = EXCLUDED.working_weekend_days,
         updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [year.year, year.status, year.decisionRef, JSON.stringify(year.nonWorkingDays), JSON.stringify(year.workingWeekendDays), actorId],
    );
    const [change] = await tx.query<{ version: number }>(
      `INSERT INTO calendar_changes (year, changed_by, source, before, after, recompute)
       VALUES ($1, $2, 'api', $3, $4, $5) RETURNING version`,
      [year.year, actorId, before ? JSON.stringify(before) : null, JSON.stringify(year), recompute ? JSON.stringify(recompute) : null],
    );
    return change.version;
  }

  /** Changes whose recomputation has not finished (a crash, or still running elsewhere). */
  async pendingRecomputations(): Promise<RecomputeInput[]> {
    const rows = await this.db.query<{ version: number; recompute: Omit<RecomputeInput, 'calendarVersion'> }>(
      `SELECT version, recompute FROM calendar_changes WHERE recompute IS NOT NULL AND recomputed_at IS NULL ORDER BY version`,
    );
    return rows.map((row) => ({ ...row.recompute, at: new Date(row.recompute.at), calendarVersion: row.version }));
  }

  async markRecomputed(version: number, moved: number): Promise<void> {
    await this.db.query(
      `UPDATE calendar_changes SET recomputed_at = now(), moved_appeals = coalesce(moved_appeals, 0) + $2 WHERE version = $1`,
      [version, moved],
    );
  }

  async mirrorVersion(): Promise<number | null> {
    const [row] = await this.db.query<{ version: number }>(`SELECT version FROM calendar_mirror`);
    return row?.version ?? null;
  }

  /** Rewrites the SQL mirror of the working-day index (about 9,500 rows for 2015-2040). */
  async writeMirror(tx: Tx, rows: Iterable<CalendarDayRow>, version: number): Promise<void> {
    const days: string[] = [];
    const ordinals: number[] = [];
    const working: boolean[] = [];
    for (const row of rows) {
      days.push(row.day);
      ordinals.push(row.ordinal);
      working.push(row.isWorking);
    }
    await tx.query(`LOCK TABLE calendar_days IN EXCLUSIVE MODE`);
    await tx.query(`DELETE FROM calendar_days`);
    await tx.query(`INSERT INTO calendar_days (day, ordinal, is_working) SELECT * FROM unnest($1::date[], $2::int[], $3::bool[])`, [
      days,
      ordinals,
      working,
    ]);
    await tx.query(
      `INSERT INTO calendar_mirror (singleton, version) VALUES (true, $1) ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version`,
      [version],
    );
  }
}
