import { Injectable } from '@nestjs/common';
import { Db } from '../platform/database/db';
import { CalendarYear } from './domain';

@Injectable()
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  async listYears(): Promise<CalendarYear[]> {
    return this.db.query<CalendarYear>(
      `SELECT year, status, decision_ref AS "decisionRef", non_working_days AS "nonWorkingDays",
              working_weekend_days AS "workingWeekendDays"
       FROM calendar_years ORDER BY year`,
    );
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
}
