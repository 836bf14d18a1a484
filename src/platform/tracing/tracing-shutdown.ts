/**
 * The launcher's handle on tracing, without loading OpenTelemetry when tracing is off: tracing.ts
 * registers its shutdown here when it starts.
 */
let shutdown: (() => Promise<void>) | undefined;

export function setTracingShutdown(hook: () => Promise<void>): void {
  shutdown = hook;
}

/** Flushes the spans still buffered; nothing when tracing is off. */
export async function stopTracing(): Promise<void> {
  await shutdown?.();
}
