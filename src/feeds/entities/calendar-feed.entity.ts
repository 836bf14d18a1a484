import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMPTZ_NOW, TIMESTAMPTZ_NULL } from '../../platform/database/columns';

/** A secret calendar-feed URL, stored by the SHA-256 of its token only. */
@Entity({ name: 'calendar_feeds' })
// One live feed per user.
@Index('calendar_feeds_user_active_idx', ['userId'], { unique: true, where: 'revoked_at IS NULL' })
export class CalendarFeedEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'text', primaryKeyConstraintName: 'calendar_feeds_pkey' })
  tokenHash!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'calendar_feeds_user_id_fkey' })
  userId!: string;

  @Column({ name: 'created_at', ...TIMESTAMPTZ_NOW })
  createdAt!: Date;

  @Column({ name: 'revoked_at', ...TIMESTAMPTZ_NULL })
  revokedAt!: Date | null;
}
