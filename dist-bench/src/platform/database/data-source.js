"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.dataSourceOptions = dataSourceOptions;
const migrations_1 = require("../../../migrations");
/** TypeORM options: migrations only, never `synchronize` (DEVELOPERS.md). */
function dataSourceOptions(databaseUrl, poolSize) {
    return {
        type: 'postgres',
        url: databaseUrl,
        entities: [],
        migrations: migrations_1.MIGRATIONS,
        migrationsTableName: 'migrations',
        synchronize: false,
        migrationsRun: false,
        logging: false,
        extra: { max: poolSize, application_name: 'e-muraciet' },
    };
}
//# sourceMappingURL=data-source.js.map