import { context, isSpanContextValid, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';

/**
 * One trace from a request through the outbox job it caused (issue 16, "Observability"): the
 * request's W3C trace context is stored with its outbox rows, and the job runs its effect in a span
 * whose parent is that context.
 *
 * Only the OpenTelemetry API is imported here: without the SDK (tracing off, src/main.ts) every
 * call is a no-op, there is no active span, and rows get no trace context.
 */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const tracer = trace.getTracer('e-muraciet');

/** The active span as a W3C `traceparent` (version 00), or null when nothing is traced. */
export function currentTraceparent(): string | null {
  const span = trace.getActiveSpan();
  if (!span) return null;
  const { traceId, spanId, traceFlags } = span.spanContext();
  if (!isSpanContextValid(span.spanContext())) return null;
  return `00-${traceId}-${spanId}-${traceFlags & TraceFlags.SAMPLED ? '01' : '00'}`;
}

/**
 * Runs `work` in a consumer span named `name`, child of the stored `traceparent` when there is one
 * (a row written outside a request has none: the span then starts where the job runs).
 */
export async function inStoredTrace<T>(
  name: string,
  traceparent: string | null | undefined,
  attributes: Record<string, string | number>,
  work: () => Promise<T>,
): Promise<T> {
  const match = traceparent ? TRACEPARENT.exec(traceparent) : null;
  const parent = match
    ? trace.setSpanContext(ROOT_CONTEXT, {
        traceId: match[1],
        spanId: match[2],
        traceFlags: parseInt(match[3], 16) & TraceFlags.SAMPLED,
        isRemote: true,
      })
    : context.active();
  return tracer.startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      // The status only: an effect's error text can quote a recipient's address (SMTP replies).
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
