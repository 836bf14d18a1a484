import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { TIMESTAMPTZ_NOW } from '../../platform/database/columns';
import { CalendarYear } from '../domain';

/** A year of working-day data (migrations/1763776800000-initial-schema.ts), changed with a calendar_changes row. */
@Entity({ name: 'calendar_years' })
@Check('calendar_years_status_check', `status = ANY (ARRAY['official', 'provisional'])`)
@Check('calendar_years_year_check', 'year >= 2000 AND year <= 2100')
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'calendar_years_pkey' })
  year!: number;

  @Column({ type: 'text' })
  status!: CalendarYear['status'];

  @Column({ name: 'decision_ref', type: 'text', nullable: true })
  decisionRef!: string | null;

  @Column({ name: 'non_working_days', type: 'jsonb' })
  nonWorkingDays!: CalendarYear['nonWorkingDays'];

  @Column({ name: 'working_weekend_days', type: 'jsonb' })
  workingWeekendDays!: CalendarYear['workingWeekendDays'];

  @Column({ name: 'updated_at', ...TIMESTAMPTZ_NOW })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'calendar_years_updated_by_fkey' })
  updatedBy!: string | null;
}
