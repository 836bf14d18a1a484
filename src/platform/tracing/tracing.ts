import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import { setTracingShutdown } from './tracing-shutdown';

/**
 * OpenTelemetry traces over OTLP/HTTP (issue 16), loaded only when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set (src/main.ts): off, nothing of OpenTelemetry is even required. It must start before `http`,
 * `pg` and `ioredis` are loaded, as the instrumentations hook `require`.
 *
 * Spans carry what the instrumentations record: routes, statement text with its `$n` placeholders
 * (never the parameters: they hold names, e-mails, texts), Redis command names.
 */
export function startTracing(endpoint: string, serviceName = 'e-muraciet'): void {
  // OTLP's base endpoint: the traces path is appended (OpenTelemetry "OTLP exporter" specification).
  const url = `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  const sdk = new NodeSDK({
    serviceName,
    spanProcessors: [new tracing.BatchSpanProcessor(new OTLPTraceExporter({ url }))],
    // Traces only: metrics are scraped from GET /metrics and logs are JSON lines on stdout; without
    // these the SDK would also push both to the endpoint.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes would drown the traces of real work.
        ignoreIncomingRequestHook: (request) => /^\/(health|metrics)(\/|\?|$)/.test(request.url ?? ''),
      }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      // The command name only: arguments are keys and payloads.
      new IORedisInstrumentation({ dbStatementSerializer: (command) => command }),
    ],
  });
  sdk.start();
  // The launcher flushes the last spans at shutdown.
  setTracingShutdown(() => sdk.shutdown());
}
