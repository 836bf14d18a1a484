import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TIMESTAMPTZ_NOW } from '../../platform/database/columns';

/** An evaluation period (migrations/1764122400000-evaluation.ts): one per date range. Dates stay 'YYYY-MM-DD' strings. */
@Entity({ name: 'evaluation_periods' })
@Unique('evaluation_periods_starts_on_ends_on_key', ['startsOn', 'endsOn'])
@Check('evaluation_periods_check', 'ends_on >= starts_on')
export class EvaluationPeriodEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'evaluation_periods_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ name: 'created_at', ...TIMESTAMPTZ_NOW })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'evaluation_periods_created_by_fkey' })
  createdBy!: string | null;
}
