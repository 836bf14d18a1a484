import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMPTZ_NOW, TIMESTAMPTZ_NULL } from '../../platform/database/columns';

/** A signed-in session (migrations/1764468000000-accounts-and-sessions.ts). */
@Entity({ name: 'user_sessions' })
@Check('user_sessions_check', '(ended_at IS NULL) = (ended_reason IS NULL)')
@Index('user_sessions_open_idx', ['userId'], { where: 'ended_at IS NULL' })
@Index('user_sessions_user_expiry_idx', ['userId', 'expiresAt'])
export class UserSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'user_sessions_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'user_sessions_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ name: 'created_at', ...TIMESTAMPTZ_NOW })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'ended_at', ...TIMESTAMPTZ_NULL })
  endedAt!: Date | null;

  @Column({ name: 'ended_reason', type: 'text', nullable: true })
  endedReason!: string | null;
}
