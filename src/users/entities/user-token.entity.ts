import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMPTZ_NOW, TIMESTAMPTZ_NULL } from '../../platform/database/columns';

/** A one-time mailed token, stored by its hash only (migrations/1764468000000-accounts-and-sessions.ts). */
@Entity({ name: 'user_tokens' })
@Check('user_tokens_purpose_check', `purpose = ANY (ARRAY['verify_email', 'password_reset'])`)
@Index('user_tokens_open_idx', ['userId', 'purpose'], { where: 'used_at IS NULL' })
export class UserTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'user_tokens_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'user_tokens_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'token_hash', type: 'bytea', unique: true })
  tokenHash!: Buffer;

  @Column({ name: 'created_at', ...TIMESTAMPTZ_NOW })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', ...TIMESTAMPTZ_NULL })
  usedAt!: Date | null;
}
