import { AsyncLocalStorage } from 'node:async_hooks';
import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/**
 * JSON lines with the request's correlation id on each line (STYLE.md "Config, logging").
 * Log ids and codes only, never personal data: no names, e-mails, texts or request bodies.
 */
export const requestContext = new AsyncLocalStorage<{ correlationId: string }>();

/** The correlation id of the request (or job) this code runs for, if any. */
export function currentCorrelationId(): string | undefined {
  return requestContext.getStore()?.correlationId;
}

/**
 * Runs a job's work under the correlation id of the request that caused it (stored with its
 * outbox row), so the job's log lines join the request's; without one, under none (never under
 * whatever request happened to start the worker's connection).
 */
export function withCorrelation<T>(correlationId: string | null | undefined, work: () => T): T {
  return correlationId ? requestContext.run({ correlationId }, work) : requestContext.exit(work);
}

export function createRootLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'e-muraciet', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const store = requestContext.getStore();
        return store ? { correlationId: store.correlationId } : {};
      },
    },
    destination as pino.DestinationStream,
  );
}

/** Bridges Nest's logger interface to pino so framework messages are JSON too. */
export class JsonLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, { context });
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, { context, trace });
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, { context });
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, { context });
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, { context });
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, { context });
  }

  /** A plain object logs as fields (ids, counts), so lines can be filtered by them. */
  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, base: Record<string, unknown>): void {
    if (isFields(message)) this.root[level]({ ...base, ...message });
    else this.root[level](base, stringify(message));
  }
}

function isFields(message: unknown): message is Record<string, unknown> {
  return typeof message === 'object' && message !== null && Object.getPrototypeOf(message) === Object.prototype;
}

function stringify(message: unknown): string {
  return typeof message === 'string' ? message : JSON.stringify(message);
}
