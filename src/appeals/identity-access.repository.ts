import { Injectable } from '@nestjs/common';
import { Db } from '../platform/database/db';

export interface IdentityAccessRow {
  userId: string;
  userName: string;
  role: string;
  at: Date;
}

/** appeals-rules.md 18: every opening of an applicant's identity by staff (append-only). */
@Injectable()
export class IdentityAccessRepository {
  constructor(private readonly db: Db) {}

  async record(appealId: string, userId: string, role: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO appeal_identity_access (appeal_id, user_id, role, at) VALUES ($1, $2, $3, $4)`,
      [appealId, userId, role, at],
      'identity-access-record',
    );
  }

  /** Newest first, at most `limit` (appeal_identity_access_appeal_idx). */
  async list(appealId: string, limit: number): Promise<IdentityAccessRow[]> {
    return this.db.query<IdentityAccessRow>(
      `SELECT x.user_id AS "userId", u.full_name AS "userName", x.role, x.at
       FROM appeal_identity_access x JOIN users u ON u.id = x.user_id
       WHERE x.appeal_id = $1
       ORDER BY x.at DESC, x.id DESC LIMIT $2`,
      [appealId, limit],
      'identity-access-list',
    );
  }
}
