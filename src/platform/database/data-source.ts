import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';

/**
 * TypeORM options: hand-written migrations, never `synchronize` (DEVELOPERS.md). Entities of the
 * plain CRUD tables (docs/adr/0002-entities-for-crud-tables.md) are registered by their own module
 * (`TypeOrmModule.forFeature`, picked up by `autoLoadEntities` in DatabaseModule); they describe
 * tables the migrations made and never create or alter one (test/integration/entities.int-spec.ts). With `appRole` every
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
    // The migrations created the gen_random_uuid() defaults; the app's role may not install extensions.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    extra: { max: poolSize, application_name: 'e-muraciet', ...(appRole ? { options: `-c role=${appRole}` } : {}) },
  };
}
