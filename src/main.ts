import { loadConfig } from './platform/config/app-config';

/**
 * Tracing, when configured, starts first: its instrumentations hook `require`, so they must be in
 * place before the launcher loads `http`, `pg` and `ioredis` (docs/operations.md "Tracing"). Off, OpenTelemetry
 * is never loaded.
 */
async function start(): Promise<void> {
  let endpoint: string | undefined;
  try {
    endpoint = loadConfig().otlpEndpoint;
  } catch {
    // An invalid configuration is reported, with every problem, by the launcher.
  }
  if (endpoint) (await import('./platform/tracing/tracing')).startTracing(endpoint);
  (await import('./launcher/launch')).main();
}

start().catch((error: unknown) => {
  process.stderr.write(`Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
