"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.recreateDatabase = recreateDatabase;
exports.databaseName = databaseName;
exports.withClient = withClient;
exports.countWrites = countWrites;
exports.settleDatabase = settleDatabase;
exports.serverSettings = serverSettings;
const pg_1 = require("pg");
const prepare_database_1 = require("../../src/platform/database/prepare-database");
/**
 * The bench's own database: dropped and recreated (then migrated exactly as `npm start` does) at
 * the start of each run so that runs start from the same, empty state.
 */
async function recreateDatabase(databaseUrl) {
    const name = databaseName(databaseUrl);
    const admin = new URL(databaseUrl);
    admin.pathname = '/postgres';
    const client = new pg_1.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
        // WITH (FORCE) ends sessions a crashed earlier run may have left behind (PostgreSQL 13+).
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
    finally {
        await client.end();
    }
    return (0, prepare_database_1.prepareDatabase)(databaseUrl);
}
function databaseName(databaseUrl) {
    const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
    // Only ever drop a database that is plainly the bench's own.
    if (!/^[A-Za-z0-9_]*bench[A-Za-z0-9_]*$/.test(name))
        throw new Error(`refusing to drop "${name}": not a bench database`);
    return name;
}
/** Small SQL helpers on one short-lived connection. */
async function withClient(databaseUrl, work) {
    const client = new pg_1.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
        return await work(client);
    }
    finally {
        await client.end();
    }
}
function countWrites(databaseUrl) {
    return withClient(databaseUrl, async (client) => {
        const { rows } = await client.query(`SELECT (SELECT count(*) FROM appeals) AS appeals, (SELECT count(*) FROM appeal_events) AS events,
              (SELECT count(*) FROM outbox) AS outbox`);
        return { appeals: Number(rows[0].appeals), events: Number(rows[0].events), outbox: Number(rows[0].outbox) };
    });
}
/** Before a measured phase: flush dirty pages and refresh statistics, so no phase pays for the previous one's writes. */
function settleDatabase(databaseUrl) {
    return withClient(databaseUrl, async (client) => {
        await client.query('CHECKPOINT');
        await client.query('VACUUM ANALYZE appeals, appeal_events, outbox, appeal_parties');
    });
}
async function serverSettings(databaseUrl) {
    return withClient(databaseUrl, async (client) => {
        const { rows } = await client.query(`SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'shared_buffers', 'max_connections')`);
        return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
    });
}
//# sourceMappingURL=database.js.map