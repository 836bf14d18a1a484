import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../auth/actor';
import { TIMESTAMPTZ_NOW, TIMESTAMPTZ_NULL } from '../../platform/database/columns';

/** An account (migrations/1763776800000-initial-schema.ts, 1764468000000-accounts-and-sessions.ts). */
@Entity({ name: 'users' })
@Check('users_check', `role = ANY (ARRAY['citizen', 'admin']) OR agency_id IS NOT NULL`)
@Check('users_email_check', 'email = lower(email)')
@Check('users_role_check', `role = ANY (ARRAY['citizen', 'registrar', 'official', 'supervisor', 'admin'])`)
@Check('users_totp_enabled_has_secret', 'totp_enabled_at IS NULL OR totp_secret IS NOT NULL')
@Index('users_agency_email_idx', ['agencyId', 'email'], { where: 'agency_id IS NOT NULL' })
@Index('users_role_email_idx', ['role', 'email'])
// A trigram index on an expression, which TypeORM cannot describe: the migration owns it.
@Index('users_search_trgm_idx', { synchronize: false })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id!: string;

  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  @Column({ type: 'text' })
  role!: Role;

  // A foreign key by entity name, not by import: the agencies module owns that table.
  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  @ForeignKey('AgencyEntity', { name: 'users_agency_id_fkey' })
  agencyId!: string | null;

  @Column({ name: 'created_at', ...TIMESTAMPTZ_NOW })
  createdAt!: Date;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'email_verified_at', ...TIMESTAMPTZ_NULL })
  emailVerifiedAt!: Date | null;

  @Column({ name: 'password_changed_at', ...TIMESTAMPTZ_NOW })
  passwordChangedAt!: Date;

  @Column({ name: 'totp_secret', type: 'bytea', nullable: true })
  totpSecret!: Buffer | null;

  @Column({ name: 'totp_enabled_at', ...TIMESTAMPTZ_NULL })
  totpEnabledAt!: Date | null;

  /** bigint: the driver hands it over as a string. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep!: string | null;

  @Column({ name: 'updated_at', ...TIMESTAMPTZ_NOW })
  updatedAt!: Date;
}
