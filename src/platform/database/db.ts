import { Injectable, Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export type Row = Record<string, unknown>;

/** What a repository needs to run SQL: the plain connection or an open transaction. */
export interface SqlExecutor {
  /**
   * `name` makes it a prepared statement: parsed and planned once per connection instead of on
   * every call. Worth it for large statements on hot paths (intake).
   */
  query<R = Row>(sql: string, params?: readonly unknown[], name?: string): Promise<R[]>;
  /** Rows changed by an UPDATE/DELETE (compare-and-set checks use this). */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * TypeORM's entity manager on the same connection (ADR 0002): inside `Db.transaction` it is the
   * transaction's runner, so an entity repository's writes commit or roll back with the raw
   * statements and the audit event beside them. On `Db` and in `Db.statement` it is the pool's
   * manager: each call is a statement of its own.
   */
  readonly manager: EntityManager;
}

export interface Tx extends SqlExecutor {
  /** Runs after COMMIT only (outbox hand-off to the queue); a rollback drops it. A hook may be async: it is awaited. */
  afterCommit(hook: () => unknown): void;
}

/**
 * Thin, explicit SQL access on TypeORM's pool, and its entity manager. Hot paths (intake, keyset
 * lists, set-wise recomputation, timer claims) write SQL by hand for exact control of statements
 * and indexes; plain CRUD tables go through entities on `manager` (docs/adr/0002-entities-for-crud-tables.md).
 */
@Injectable()
export class Db implements SqlExecutor {
  private readonly logger = new Logger(Db.name);

  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Straight to the pool: TypeORM's `dataSource.query` answers an UPDATE ... RETURNING with
   * `[rows, count]` instead of the rows, a trap for every repository.
   */
  async query<R = Row>(sql: string, params: readonly unknown[] = [], name?: string): Promise<R[]> {
    const result = await this.pool().query({ ...(name ? { name } : {}), text: sql, values: params as unknown[] });
    return result.rows as R[];
  }

  /** TypeORM's own pg pool, for prepared statements (TypeORM has no API for them). */
  private pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    const result = await this.pool().query({ text: sql, values: params as unknown[] });
    return result.rowCount ?? 0;
  }

  /**
   * Work that is a single SQL statement (atomic on its own, so no BEGIN/COMMIT round trips), with
   * the same after-commit hooks as a transaction.
   */
  async statement<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const hooks: Array<() => unknown> = [];
    const result = await work({
      query: (sql, params, name) => this.query(sql, params, name),
      execute: (sql, params) => this.execute(sql, params),
      manager: this.manager,
      afterCommit: (hook) => hooks.push(hook),
    });
    await this.runHooks(hooks);
    return result;
  }

  /** One unit of work: every state change and its audit event commit together or not at all. */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const hooks: Array<() => unknown> = [];
    const client = (await runner.connect()) as PoolClient;
    let result: T;
    try {
      await runner.startTransaction();
      result = await work(new RunnerTx(runner, client, hooks));
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    await this.runHooks(hooks);
    return result;
  }

  private async runHooks(hooks: ReadonlyArray<() => unknown>): Promise<void> {
    for (const hook of hooks) {
      try {
        await hook();
      } catch (error) {
        // The work is committed; a failed hand-off is retried by the outbox relay.
        this.logger.warn(`after-commit hook failed: ${(error as Error).message}`);
      }
    }
  }
}

class RunnerTx implements Tx {
  constructor(
    private readonly runner: QueryRunner,
    /** The pg connection under the runner, for prepared statements. */
    private readonly client: PoolClient,
    private readonly hooks: Array<() => unknown>,
  ) {}

  /** The runner's own manager: its queries run on this transaction's connection. */
  get manager(): EntityManager {
    return this.runner.manager;
  }

  async query<R = Row>(sql: string, params: readonly unknown[] = [], name?: string): Promise<R[]> {
    if (name) {
      const result = await this.client.query({ name, text: sql, values: params as unknown[] });
      return result.rows as R[];
    }
    const result = await this.runner.query(sql, params as unknown[], true);
    return result.records as R[];
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    const result = await this.runner.query(sql, params as unknown[], true);
    return result.affected ?? 0;
  }

  afterCommit(hook: () => unknown): void {
    this.hooks.push(hook);
  }
}
