import { AppConfig, ConfigError, loadConfig } from '../platform/config/app-config';
import { prepareDatabase } from '../platform/database/prepare-database';
import { stopTracing } from '../platform/tracing/tracing-shutdown';
import { createRootLogger } from '../platform/logging/logger';
import { ensureInfrastructure } from './infrastructure';
import { Lifecycle, oneLine } from './lifecycle';

/** `npm start` passes it: an orphaned launcher (npm killed) stops itself and its embedded servers. */
const EXIT_WITH_PARENT_FLAG = '--exit-with-parent';

/**
 * `npm start`: validate the configuration, find or start PostgreSQL and Redis, create and migrate
 * the database, then serve in the configured role until a signal ends it (src/launcher/lifecycle.ts).
 */
export async function launch(argv: readonly string[] = process.argv): Promise<void> {
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
  const lifecycle = new Lifecycle((message) => logger.info({ context: 'launcher' }, message)).listen();
  // Runs last: the spans of the shutdown itself are flushed too.
  lifecycle.onShutdown(() => stopTracing());
  if (argv.includes(EXIT_WITH_PARENT_FLAG)) lifecycle.exitWithParent();
  try {
    const infrastructure = await lifecycle.step(ensureInfrastructure(config, (message) => logger.info({ context: 'launcher' }, message)));
    lifecycle.onShutdown(() => infrastructure.stop());
    const resolved: AppConfig = { ...config, databaseUrl: infrastructure.databaseUrl, redisUrl: infrastructure.redisUrl };
    const applied = await lifecycle.step(prepareDatabase(resolved.databaseUrl as string));
    if (applied.length > 0) logger.info({ context: 'launcher', migrations: applied }, 'migrations applied');
    // Loaded after the database is ready: Nest modules seed reference data as they initialise.
    const { createApp } = await import('../app.factory');
    const app = await lifecycle.step(createApp(resolved));
    lifecycle.onShutdown(() => app.close());
    await lifecycle.step(app.listen({ port: resolved.port, host: resolved.host }));
    lifecycle.markServing();
    logger.info(
      { context: 'launcher', role: resolved.role, port: resolved.port, mail: resolved.smtpUrl ? 'smtp' : 'printed to stdout' },
      `e-Muraciet is serving on ${resolved.publicUrl} (docs at ${resolved.publicUrl}/docs)`,
    );
  } catch (error) {
    await lifecycle.fail(error);
  }
}

/** The process entry: whatever escapes the launcher is one line and exit code 1. */
export function main(): void {
  launch().catch((error: unknown) => {
    process.stderr.write(`Cannot start: ${oneLine(error)}\n`);
    process.exit(1);
  });
}
