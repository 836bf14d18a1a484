import { Injectable } from '@nestjs/common';
import { SqlExecutor } from '../platform/database/db';
import { UserIdentityEntity } from './entities/user-identity.entity';

/**
 * An account's link to an identity provider's subject (`iss` + `sub`). An entity
 * (docs/adr/0002-entities-for-crud-tables.md); the advisory lock stays SQL.
 */
@Injectable()
export class UserIdentitiesRepository {
  /**
   * Serialises the first sign-ins of one subject (two tabs, a double click): the second waits and
   * then finds the link the first made, instead of creating a second account.
   */
  async lockSubject(tx: SqlExecutor, issuer: string, subject: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 16))`, [`${issuer}\n${subject}`]);
  }

  async findUserId(executor: SqlExecutor, issuer: string, subject: string): Promise<string | undefined> {
    const row = await executor.manager
      .getRepository(UserIdentityEntity)
      .findOne({ select: { id: true, userId: true }, where: { issuer, subject } });
    return row?.userId;
  }

  async link(executor: SqlExecutor, userId: string, issuer: string, subject: string): Promise<void> {
    await executor.manager.getRepository(UserIdentityEntity).insert({ userId, issuer, subject, lastLoginAt: NOW });
  }

  async countOf(executor: SqlExecutor, userId: string): Promise<number> {
    return executor.manager.getRepository(UserIdentityEntity).countBy({ userId });
  }

  /** Removes every link of the account; returns the issuers they were at (for the audit). */
  async unlinkAll(executor: SqlExecutor, userId: string): Promise<string[]> {
    const result = await executor.manager
      .getRepository(UserIdentityEntity)
      .createQueryBuilder()
      .delete()
      .where({ userId })
      .returning(['issuer'])
      .execute();
    return (result.raw as Array<{ issuer: string }>).map((row) => row.issuer);
  }

  async touch(executor: SqlExecutor, issuer: string, subject: string): Promise<void> {
    await executor.manager.getRepository(UserIdentityEntity).update({ issuer, subject }, { lastLoginAt: NOW });
  }
}

const NOW = (): string => 'now()';
