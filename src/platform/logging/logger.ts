import { AsyncLocalStorage } from 'node:async_hooks';
import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/**
 * JSON lines with the request's correlation id on each line (STYLE.md "Config, logging").
 * Log ids and codes only, never personal data: no names, e-mails, texts or request bodies.
 */
export const requestContext = new AsyncLocalStorage<{ correlationId: string }>();

export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'e-muraciet', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const store = requestContext.getStore();
      return store ? { correlationId: store.correlationId } : {};
    },
  });
}

/** Bridges Nest's logger interface to pino so framework messages are JSON too. */
export class JsonLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, context?: string): void {
    this.root.info({ context }, stringify(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.root.error({ context, trace }, stringify(message));
  }

  warn(message: unknown, context?: string): void {
    this.root.warn({ context }, stringify(message));
  }

  debug(message: unknown, context?: string): void {
    this.root.debug({ context }, stringify(message));
  }

  verbose(message: unknown, context?: string): void {
    this.root.trace({ context }, stringify(message));
  }

  fatal(message: unknown, context?: string): void {
    this.root.fatal({ context }, stringify(message));
  }
}

function stringify(message: unknown): string {
  return typeof message === 'string' ? message : JSON.stringify(message);
}
