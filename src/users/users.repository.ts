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
}

const COLUMNS = `id, email, full_name AS "fullName", role, agency_id AS "agencyId", password_hash AS "passwordHash"`;

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.query<UserRecord>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [email]);
    return row;
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.query<UserRecord>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return row;
  }

  /** Returns undefined when the e-mail is taken. */
  async insert(
    executor: SqlExecutor,
    user: { email: string; fullName: string; role: Role; agencyId: string | null; passwordHash: string },
  ): Promise<UserRecord | undefined> {
    const [row] = await executor.query<UserRecord>(
      `INSERT INTO users (email, full_name, role, agency_id, password_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
      [user.email, user.fullName, user.role, user.agencyId, user.passwordHash],
    );
    return row;
  }

  async listStaffOfAgencies(agencyIds: readonly string[], roles: readonly Role[]): Promise<UserRecord[]> {
    return this.db.query<UserRecord>(
      `SELECT ${COLUMNS} FROM users WHERE agency_id = ANY($1::uuid[]) AND role = ANY($2::text[]) ORDER BY email`,
      [agencyIds, roles],
    );
  }
}
