import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { AppConfig } from './platform/config/app-config';
import { ProblemFilter } from './platform/errors/problem.filter';
import { registerInputGuards } from './platform/http/input-guards';
import { createValidationPipe } from './platform/http/validation';
import { createOpenApiDocument } from './platform/openapi/openapi-document';
import { createRootLogger, JsonLogger, requestContext } from './platform/logging/logger';
import { registerWebHttp } from './web/web-http';

const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_PATTERN = /^[A-Za-z0-9._\-]{8,100}$/;

export function createAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Client addresses (rate limits per address) come from X-Forwarded-For only through the proxies TRUST_PROXY names.
    trustProxy: config.trustProxy as boolean | number | string[],
    logger: false,
    requestIdHeader: false,
    // A caller's correlation id is kept when well-formed, so logs join across services.
    genReqId: (request: IncomingMessage) => {
      const given = request.headers[CORRELATION_HEADER];
      return typeof given === 'string' && CORRELATION_PATTERN.test(given) ? given : randomUUID();
    },
  });
}

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = new JsonLogger(createRootLogger(config.logLevel));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createAdapter(config), {
    logger,
    bufferLogs: true,
  });
  await configureApp(app, config);
  return app;
}

/** Everything an app needs besides its modules; shared by `npm start` and the e2e tests. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const filter = new ProblemFilter();
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
  registerWebHttp(fastify, { https: config.publicUrl.startsWith('https:') });
  const rootLogger = createRootLogger(config.logLevel);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, String(request.id));
    requestContext.enterWith({ correlationId: String(request.id) });
    done();
  });
  // One access line per request: the route pattern (never the raw URL, which holds ids and
  // search text), status and duration.
  fastify.addHook('onResponse', (request, reply, done) => {
    rootLogger.info({
      correlationId: String(request.id),
      method: request.method,
      route: request.routeOptions?.url ?? 'unmatched',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    });
    done();
  });

  if (config.role !== 'worker') {
    SwaggerModule.setup('docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  }
}
