import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TIMESTAMPTZ_NOW, TIMESTAMPTZ_NULL } from '../../platform/database/columns';

/** An external (OIDC) identity linked to an account (migrations/1764727216000-oidc-sign-in.ts). */
@Entity({ name: 'user_identities' })
@Unique('user_identities_issuer_subject_key', ['issuer', 'subject'])
@Check('user_identities_issuer_check', 'length(issuer) >= 1 AND length(issuer) <= 2048')
@Check('user_identities_subject_check', 'length(subject) >= 1 AND length(subject) <= 255')
@Index('user_identities_user_idx', ['userId'])
export class UserIdentityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'user_identities_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'user_identities_user_id_fkey' })
  userId!: string;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'created_at', ...TIMESTAMPTZ_NOW })
  createdAt!: Date;

  @Column({ name: 'last_login_at', ...TIMESTAMPTZ_NULL })
  lastLoginAt!: Date | null;
}
