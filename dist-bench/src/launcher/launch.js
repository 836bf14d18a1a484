"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.launch = launch;
const app_config_1 = require("../platform/config/app-config");
const prepare_database_1 = require("../platform/database/prepare-database");
const logger_1 = require("../platform/logging/logger");
const infrastructure_1 = require("./infrastructure");
/**
 * `npm start`: validate the configuration, find or start PostgreSQL and Redis, create and migrate
 * the database, then serve in the configured role until SIGTERM/SIGINT.
 */
async function launch() {
    let config;
    try {
        config = (0, app_config_1.loadConfig)();
    }
    catch (error) {
        if (error instanceof app_config_1.ConfigError) {
            process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
            process.exit(1);
        }
        throw error;
    }
    const logger = (0, logger_1.createRootLogger)(config.logLevel);
    let infrastructure;
    try {
        infrastructure = await (0, infrastructure_1.ensureInfrastructure)(config, (message) => logger.info({ context: 'launcher' }, message));
    }
    catch (error) {
        if (error instanceof infrastructure_1.InfrastructureError) {
            process.stderr.write(`Cannot start: ${error.message}\n`);
            process.exit(1);
        }
        throw error;
    }
    const resolved = { ...config, databaseUrl: infrastructure.databaseUrl, redisUrl: infrastructure.redisUrl };
    try {
        const applied = await (0, prepare_database_1.prepareDatabase)(resolved.databaseUrl);
        if (applied.length > 0)
            logger.info({ context: 'launcher', migrations: applied }, 'migrations applied');
        // Loaded after the database is ready: Nest modules seed reference data as they initialise.
        const { createApp } = await Promise.resolve().then(() => __importStar(require('../app.factory')));
        const app = await createApp(resolved);
        await app.listen({ port: resolved.port, host: resolved.host });
        logger.info({ context: 'launcher', role: resolved.role, port: resolved.port, mail: resolved.smtpUrl ? 'smtp' : 'printed to stdout' }, `e-Muraciet is serving on ${resolved.publicUrl} (docs at ${resolved.publicUrl}/docs)`);
        const shutdown = async (signal) => {
            logger.info({ context: 'launcher', signal }, 'shutting down');
            await app.close();
            await infrastructure.stop();
            process.exit(0);
        };
        process.once('SIGTERM', () => void shutdown('SIGTERM'));
        process.once('SIGINT', () => void shutdown('SIGINT'));
    }
    catch (error) {
        logger.fatal({ context: 'launcher', err: error.message }, 'start failed');
        await infrastructure.stop();
        process.exit(1);
    }
}
//# sourceMappingURL=launch.js.map