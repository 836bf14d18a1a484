import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { AppConfig } from './platform/config/app-config';
import { AppKeys } from './platform/secrets/app-keys';
import { ProblemFilter } from './platform/errors/problem.filter';
import { registerInputGuards } from './platform/http/input-guards';
import { createValidationPipe } from './platform/http/validation';
import { createOpenApiDocument } from './platform/openapi/openapi-document';
import { createRootLogger, JsonLogger, requestContext } from './platform/logging/logger';
import { MetricsService } from './platform/metrics/metrics.service';
import type { Logger } from 'pino';
import { WebExceptionFilter } from './web/web-pages';
import { registerWebHttp } from './web/web-http';

const CORRELATION_HEADER = 'x-correlation-id';
/** The name proxies and load balancers use; accepted and returned alongside ours. */
const REQUEST_ID_HEADER = 'x-request-id';
const CORRELATION_PATTERN = /^[A-Za-z0-9._-]{8,100}$/;

export function createAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Client addresses (rate limits per address) come from X-Forwarded-For only through the proxies TRUST_PROXY names.
    trustProxy: config.trustProxy as boolean | number | string[],
    logger: false,
    requestIdHeader: false,
    // A caller's correlation id is kept when well-formed, so logs join across services.
    // Anything else (too long, odd characters: log injection) is replaced by a fresh id.
    genReqId: (request: IncomingMessage) => {
      for (const header of [CORRELATION_HEADER, REQUEST_ID_HEADER]) {
        const given = request.headers[header];
        if (typeof given === 'string' && CORRELATION_PATTERN.test(given)) return given;
      }
      return randomUUID();
    },
  });
}

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const rootLogger = createRootLogger(config.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createAdapter(config), {
    logger: new JsonLogger(rootLogger),
    bufferLogs: true,
  });
  await configureApp(app, config, rootLogger);
  return app;
}

/** Everything an app needs besides its modules; shared by `npm start` and the e2e tests. */
export async function configureApp(
  app: NestFastifyApplication,
  config: AppConfig,
  rootLogger: Logger = createRootLogger(config.logLevel),
): Promise<void> {
  // Browsers get the pages' HTML error page; the worker role has no pages.
  const pages = config.role === 'worker' ? undefined : app.get(WebExceptionFilter);
  const filter = new ProblemFilter(pages);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(filter);
  // Signals are handled by the launcher, which closes the app once (Nest's own hooks would close it twice).

  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(multipart, {
    limits: { fileSize: config.attachmentMaxBytes, files: 20, fields: 10, fieldSize: 1024, parts: 30 },
    throwFileSizeLimit: true,
  });
  // Bodies are JSON or multipart; anything else is refused with 415 rather than guessed at.
  fastify.removeContentTypeParser('text/plain');
  // JSON depth (400) and NUL characters (422) are refused before validation sees a body or query.
  registerInputGuards(app, config.bodyLimitBytes);
  // Security headers of every response (CSP and frame protection, /docs included; HSTS over https; no-store).
  await registerWebHttp(fastify, { https: config.publicUrl.startsWith('https:'), csrfKey: app.get(AppKeys).derive('web-csrf-v3') });
  const metrics = app.get(MetricsService);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, String(request.id));
    void reply.header(REQUEST_ID_HEADER, String(request.id));
    // Every log line of the request carries the id, and so do the outbox rows it writes (the
    // jobs that send its mail log it again).
    requestContext.enterWith({ correlationId: String(request.id) });
    done();
  });
  // One access line and one histogram sample per request: the route pattern (never the raw URL,
  // which holds ids and search text), status and duration.
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observeHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    rootLogger.info({
      correlationId: String(request.id),
      method: request.method,
      route,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    });
    done();
  });

  if (config.role !== 'worker') {
    SwaggerModule.setup('docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  }
}
