import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor } from '../platform/database/db';
import { Role } from '../auth/actor';

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

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.query<UserRecord>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [email]);
    return row;
  }

  async findById(id: string, executor: SqlExecutor = this.db): Promise<UserRecord | undefined> {
    const [row] = await executor.query<UserRecord>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return row;
  }

  /** The row locked for a change in this transaction (admin edits, password changes). */
  async lockById(executor: SqlExecutor, id: string): Promise<UserRecord | undefined> {
    const [row] = await executor.query<UserRecord>(`SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
    return row;
  }

  /** Several rows locked for a change, always in id order: two transactions locking the same pair cannot deadlock. */
  async lockByIds(executor: SqlExecutor, ids: readonly string[]): Promise<UserRecord[]> {
    return executor.query<UserRecord>(`SELECT ${COLUMNS} FROM users WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  }

  /** Returns undefined when the e-mail is taken. */
  async insert(
    executor: SqlExecutor,
    user: { email: string; fullName: string; role: Role; agencyId: string | null; passwordHash: string; emailVerified: boolean },
  ): Promise<UserRecord | undefined> {
    const [row] = await executor.query<UserRecord>(
      `INSERT INTO users (email, full_name, role, agency_id, password_hash, email_verified_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END)
       ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
      [user.email, user.fullName, user.role, user.agencyId, user.passwordHash, user.emailVerified],
    );
    return row;
  }

  async update(executor: SqlExecutor, id: string, changes: UserChanges): Promise<UserRecord> {
    const [row] = await executor.query<UserRecord>(
      `UPDATE users SET
         full_name = coalesce($2, full_name),
         role = coalesce($3, role),
         agency_id = CASE WHEN $4 THEN $5::uuid ELSE agency_id END,
         active = coalesce($6, active),
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        changes.fullName ?? null,
        changes.role ?? null,
        changes.agencyId !== undefined,
        changes.agencyId ?? null,
        changes.active ?? null,
      ],
    );
    return row;
  }

  async setPassword(executor: SqlExecutor, id: string, passwordHash: string): Promise<void> {
    await executor.query(`UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1`, [
      id,
      passwordHash,
    ]);
  }

  /** Marks the e-mail proved; false when it already was (nothing changed). */
  async markEmailVerified(executor: SqlExecutor, id: string): Promise<boolean> {
    return (
      (await executor.execute(
        `UPDATE users SET email_verified_at = now(), updated_at = now() WHERE id = $1 AND email_verified_at IS NULL`,
        [id],
      )) > 0
    );
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
    return this.db.query<UserRecord>(
      `SELECT ${COLUMNS} FROM users WHERE agency_id = ANY($1::uuid[]) AND role = ANY($2::text[]) AND active ORDER BY email`,
      [agencyIds, roles],
    );
  }

  async totpOf(executor: SqlExecutor, id: string, lock = false): Promise<TotpRecord | undefined> {
    const [row] = await executor.query<TotpRecord>(
      `SELECT totp_secret AS secret, totp_enabled_at IS NOT NULL AS enabled, totp_last_step::float8 AS "lastStep" FROM users WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  /** A new enrolment's secret, not yet enabled (a pending one is replaced). */
  async setPendingTotp(executor: SqlExecutor, id: string, sealedSecret: Buffer): Promise<void> {
    await executor.query(
      `UPDATE users SET totp_secret = $2, totp_enabled_at = NULL, totp_last_step = NULL, updated_at = now() WHERE id = $1`,
      [id, sealedSecret],
    );
  }

  async enableTotp(executor: SqlExecutor, id: string, step: number): Promise<void> {
    await executor.query(`UPDATE users SET totp_enabled_at = now(), totp_last_step = $2, updated_at = now() WHERE id = $1`, [id, step]);
  }

  async clearTotp(executor: SqlExecutor, id: string): Promise<boolean> {
    return (
      (await executor.execute(
        `UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, updated_at = now() WHERE id = $1 AND totp_secret IS NOT NULL`,
        [id],
      )) > 0
    );
  }

  /** Records the time step of an accepted code; false when that step or a later one was used already (a replayed code). */
  async useTotpStep(id: string, step: number): Promise<boolean> {
    return (
      (await this.db.execute(`UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`, [
        id,
        step,
      ])) > 0
    );
  }
}

/** `%` and `_` typed by an admin are letters, not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
