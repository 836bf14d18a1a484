import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';

/** TypeORM options: migrations only, never `synchronize` (DEVELOPERS.md). */
export function dataSourceOptions(databaseUrl: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: poolSize, application_name: 'e-muraciet' },
  };
}
