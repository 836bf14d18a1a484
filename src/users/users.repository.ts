import { Injectable } from '@nestjs/common';
import { FindOptionsWhere, In, IsNull, Not } from 'typeorm';
import { Db, SqlExecutor, Tx } from '../platform/database/db';
import { Role } from '../auth/actor';
import { UserEntity } from './entities/user.entity';

export interface UserRecord {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  agencyId: string | null;
  passwordHash: string;
  active: boolean;
  emailVerified: boolean;
  totpEnabled: boolean;
  createdAt: Date;
}

/** An account as other modules see it: never its password hash. */
export type UserAccount = Omit<UserRecord, 'passwordHash'>;

/** The TOTP columns, read only where a code is checked or enrolled. */
export interface TotpRecord {
  secret: Buffer | null;
  enabled: boolean;
  lastStep: number | null;
}

const COLUMNS = `id, email, full_name AS "fullName", role, agency_id AS "agencyId", password_hash AS "passwordHash", active,
  email_verified_at IS NOT NULL AS "emailVerified", totp_enabled_at IS NOT NULL AS "totpEnabled", created_at AS "createdAt"`;

export interface UserFilter {
  agencyId?: string;
  role?: Role;
  /** Part of the e-mail or the name. */
  q?: string;
  /** Keyset: users whose e-mail sorts after this one. */
  afterEmail?: string;
  limit: number;
}

export interface UserChanges {
  fullName?: string;
  role?: Role;
  agencyId?: string | null;
  active?: boolean;
}

/**
 * Accounts: a plain CRUD table with an entity (docs/adr/0002-entities-for-crud-tables.md). Two
 * statements stay SQL: the admins' text search (its trigram index) and the TOTP step's
 * compare-and-set.
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    return this.findOne(this.db, { email });
  }

  async findById(id: string, executor: SqlExecutor = this.db): Promise<UserRecord | undefined> {
    return this.findOne(executor, { id });
  }

  /** The row locked for a change in this transaction (admin edits, password changes). */
  async lockById(tx: Tx, id: string): Promise<UserRecord | undefined> {
    return this.findOne(tx, { id }, true);
  }

  /** Several rows locked for a change, always in id order: two transactions locking the same pair cannot deadlock. */
  async lockByIds(tx: Tx, ids: readonly string[]): Promise<UserRecord[]> {
    const rows = await tx.manager.getRepository(UserEntity).find({
      select: RECORD,
      where: { id: In([...ids]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    return rows.map(toRecord);
  }

  /** Returns undefined when the e-mail is taken (ON CONFLICT DO NOTHING: the transaction goes on). */
  async insert(
    executor: SqlExecutor,
    user: { email: string; fullName: string; role: Role; agencyId: string | null; passwordHash: string; emailVerified: boolean },
  ): Promise<UserRecord | undefined> {
    const result = await executor.manager
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({
        email: user.email,
        fullName: user.fullName,
        role: user.role,
        agencyId: user.agencyId,
        passwordHash: user.passwordHash,
        emailVerifiedAt: user.emailVerified ? () => 'now()' : null,
      })
      .orIgnore()
      .execute();
    const [row] = result.raw as Array<{ id: string }>;
    return row ? this.findById(row.id, executor) : undefined;
  }

  async update(executor: SqlExecutor, id: string, changes: UserChanges): Promise<UserRecord> {
    const { fullName, role, agencyId, active } = changes;
    // Fields left undefined keep their value; agencyId may be set to null.
    await executor.manager.getRepository(UserEntity).update({ id }, { fullName, role, agencyId, active, updatedAt: NOW });
    return (await this.findById(id, executor)) as UserRecord;
  }

  async setPassword(executor: SqlExecutor, id: string, passwordHash: string): Promise<void> {
    await executor.manager.getRepository(UserEntity).update({ id }, { passwordHash, passwordChangedAt: NOW, updatedAt: NOW });
  }

  /** Marks the e-mail proved; false when it already was (nothing changed). */
  async markEmailVerified(executor: SqlExecutor, id: string): Promise<boolean> {
    const result = await executor.manager
      .getRepository(UserEntity)
      .update({ id, emailVerifiedAt: IsNull() }, { emailVerifiedAt: NOW, updatedAt: NOW });
    return (result.affected ?? 0) > 0;
  }

  /**
   * The admins' list: keyset pages by e-mail (unique), filtered by agency, role and a text that the
   * e-mail or the name contains (trigram index for the text).
   */
  async list(filter: UserFilter): Promise<UserRecord[]> {
    return this.db.query<UserRecord>(
      `SELECT ${COLUMNS} FROM users
       WHERE ($1::uuid IS NULL OR agency_id = $1)
         AND ($2::text IS NULL OR role = $2)
         AND ($3::text IS NULL OR (email || ' ' || lower(full_name)) LIKE '%' || $3 || '%')
         AND ($4::text IS NULL OR email > $4)
       ORDER BY email
       LIMIT $5`,
      [
        filter.agencyId ?? null,
        filter.role ?? null,
        filter.q === undefined ? null : escapeLike(filter.q.toLowerCase()),
        filter.afterEmail ?? null,
        filter.limit,
      ],
    );
  }

  async listStaffOfAgencies(agencyIds: readonly string[], roles: readonly Role[]): Promise<UserRecord[]> {
    const rows = await this.db.manager.getRepository(UserEntity).find({
      select: RECORD,
      where: { agencyId: In([...agencyIds]), role: In([...roles]), active: true },
      order: { email: 'ASC' },
    });
    return rows.map(toRecord);
  }

  /** `lock` (in a transaction only) holds the row for an enrolment or a reset. */
  async totpOf(executor: SqlExecutor, id: string, lock = false): Promise<TotpRecord | undefined> {
    const row = await executor.manager.getRepository(UserEntity).findOne({
      select: { id: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true },
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) return undefined;
    return {
      secret: row.totpSecret,
      enabled: row.totpEnabledAt !== null,
      lastStep: row.totpLastStep === null ? null : Number(row.totpLastStep),
    };
  }

  /** A new enrolment's secret, not yet enabled (a pending one is replaced). */
  async setPendingTotp(executor: SqlExecutor, id: string, sealedSecret: Buffer): Promise<void> {
    await executor.manager
      .getRepository(UserEntity)
      .update({ id }, { totpSecret: sealedSecret, totpEnabledAt: null, totpLastStep: null, updatedAt: NOW });
  }

  async enableTotp(executor: SqlExecutor, id: string, step: number): Promise<void> {
    await executor.manager.getRepository(UserEntity).update({ id }, { totpEnabledAt: NOW, totpLastStep: String(step), updatedAt: NOW });
  }

  async clearTotp(executor: SqlExecutor, id: string): Promise<boolean> {
    const result = await executor.manager
      .getRepository(UserEntity)
      .update({ id, totpSecret: Not(IsNull()) }, { totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: NOW });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Records the time step of an accepted code; false when that step or a later one was used already
   * (a replayed code). SQL: one compare-and-set on the sign-in path.
   */
  async useTotpStep(id: string, step: number): Promise<boolean> {
    return (
      (await this.db.execute(`UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`, [
        id,
        step,
      ])) > 0
    );
  }

  private async findOne(executor: SqlExecutor, where: FindOptionsWhere<UserEntity>, lock = false): Promise<UserRecord | undefined> {
    const row = await executor.manager
      .getRepository(UserEntity)
      .findOne({ select: RECORD, where, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return row ? toRecord(row) : undefined;
  }
}

/** `updated_at = now()`: the database's clock, as every other write of the row. */
const NOW = (): string => 'now()';

const RECORD = {
  id: true,
  email: true,
  fullName: true,
  role: true,
  agencyId: true,
  passwordHash: true,
  active: true,
  emailVerifiedAt: true,
  totpEnabledAt: true,
  createdAt: true,
} as const;

function toRecord(row: UserEntity): UserRecord {
  return {
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    role: row.role,
    agencyId: row.agencyId,
    passwordHash: row.passwordHash,
    active: row.active,
    emailVerified: row.emailVerifiedAt !== null,
    totpEnabled: row.totpEnabledAt !== null,
    createdAt: row.createdAt,
  };
}

/** `%` and `_` typed by an admin are letters, not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
