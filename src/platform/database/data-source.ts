import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';

/**
 * TypeORM options: migrations only, never `synchronize` (DEVELOPERS.md). With `appRole` every
 * connection switches to that role at startup, so the running app has only the rights the
 * migrations granted it (no UPDATE or DELETE on the audit trail).
 */
export function dataSourceOptions(databaseUrl: string, poolSize: number, appRole: string | null = null): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: poolSize, application_name: 'e-muraciet', ...(appRole ? { options: `-c role=${appRole}` } : {}) },
  };
}
