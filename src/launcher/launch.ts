import { AppConfig, ConfigError, loadConfig } from '../platform/config/app-config';
import { prepareDatabase } from '../platform/database/prepare-database';
import { createRootLogger } from '../platform/logging/logger';
import { ensureInfrastructure, Infrastructure, InfrastructureError } from './infrastructure';

/**
 * `npm start`: validate the configuration, find or start PostgreSQL and Redis, create and migrate
 * the database, then serve in the configured role until SIGTERM/SIGINT.
 */
export async function launch(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createRootLogger(config.logLevel);
  let infrastructure: Infrastructure;
  try {
    infrastructure = await ensureInfrastructure(config, (message) => logger.info({ context: 'launcher' }, message));
  } catch (error) {
    if (error instanceof InfrastructureError) {
      process.stderr.write(`Cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const resolved: AppConfig = { ...config, databaseUrl: infrastructure.databaseUrl, redisUrl: infrastructure.redisUrl };
  try {
    const applied = await prepareDatabase(resolved.databaseUrl as string);
    if (applied.length > 0) logger.info({ context: 'launcher', migrations: applied }, 'migrations applied');
    // Loaded after the database is ready: Nest modules seed reference data as they initialise.
    const { createApp } = await import('../app.factory');
    const app = await createApp(resolved);
    await app.listen({ port: resolved.port, host: resolved.host });
    logger.info(
      { context: 'launcher', role: resolved.role, port: resolved.port, mail: resolved.smtpUrl ? 'smtp' : 'printed to stdout' },
      `e-Muraciet is serving on ${resolved.publicUrl} (docs at ${resolved.publicUrl}/docs)`,
    );
    const shutdown = async (signal: string) => {
      logger.info({ context: 'launcher', signal }, 'shutting down');
      await app.close();
      await infrastructure.stop();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  } catch (error) {
    logger.fatal({ context: 'launcher', err: (error as Error).message }, 'start failed');
    await infrastructure.stop();
    process.exit(1);
  }
}
