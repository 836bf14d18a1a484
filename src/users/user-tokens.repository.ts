import { Injectable } from '@nestjs/common';
import { IsNull, Raw } from 'typeorm';
import { Db, SqlExecutor } from '../platform/database/db';
import { UserTokenEntity } from './entities/user-token.entity';

export type UserTokenPurpose = 'verify_email' | 'password_reset';

export interface UserTokenRow {
  id: string;
  userId: string;
  purpose: UserTokenPurpose;
  expiresAt: Date;
  usedAt: Date | null;
}

/**
 * The mailed one-time links: only a hash of each token is stored (user-tokens.ts makes the tokens).
 * An entity (docs/adr/0002-entities-for-crud-tables.md); expiry is judged by the database's clock.
 */
@Injectable()
export class UserTokensRepository {
  constructor(private readonly db: Db) {}

  /** A new token row; the user's earlier unused tokens for the same purpose stop working. */
  async insert(
    executor: SqlExecutor,
    token: { id: string; userId: string; purpose: UserTokenPurpose; hash: Buffer; ttlSeconds: number },
  ): Promise<void> {
    await this.voidAll(executor, token.userId, token.purpose);
    await executor.manager
      .getRepository(UserTokenEntity)
      .createQueryBuilder()
      .insert()
      .values({
        id: token.id,
        userId: token.userId,
        purpose: token.purpose,
        tokenHash: token.hash,
        expiresAt: () => 'now() + make_interval(secs => :ttlSeconds)',
      })
      .setParameter('ttlSeconds', token.ttlSeconds)
      .execute();
  }

  /** Voids the user's unused tokens of a purpose (no new one is written). */
  async voidAll(executor: SqlExecutor, userId: string, purpose: UserTokenPurpose): Promise<void> {
    await executor.manager.getRepository(UserTokenEntity).update({ userId, purpose, usedAt: IsNull() }, { usedAt: NOW });
  }

  /** The token with this hash when unused and unexpired. */
  async findUsable(hash: Buffer, purpose: UserTokenPurpose): Promise<UserTokenRow | undefined> {
    const row = await this.db.manager
      .getRepository(UserTokenEntity)
      .findOne({ select: ROW, where: { tokenHash: hash, purpose, usedAt: IsNull(), expiresAt: UNEXPIRED } });
    return row ? toRow(row) : undefined;
  }

  async findById(id: string): Promise<UserTokenRow | undefined> {
    const row = await this.db.manager.getRepository(UserTokenEntity).findOne({ select: ROW, where: { id } });
    return row ? toRow(row) : undefined;
  }

  /** Uses the token once: false when it was used (or expired) meanwhile, so two clicks cannot both succeed. */
  async consume(executor: SqlExecutor, id: string): Promise<boolean> {
    const result = await executor.manager
      .getRepository(UserTokenEntity)
      .update({ id, usedAt: IsNull(), expiresAt: UNEXPIRED }, { usedAt: NOW });
    return (result.affected ?? 0) > 0;
  }
}

const NOW = (): string => 'now()';
const UNEXPIRED = Raw((column) => `${column} > now()`);
const ROW = { id: true, userId: true, purpose: true, expiresAt: true, usedAt: true } as const;

function toRow(row: UserTokenEntity): UserTokenRow {
  return { id: row.id, userId: row.userId, purpose: row.purpose as UserTokenPurpose, expiresAt: row.expiresAt, usedAt: row.usedAt };
}
