"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createAdapter = createAdapter;
exports.createApp = createApp;
exports.configureApp = configureApp;
const multipart_1 = __importDefault(require("@fastify/multipart"));
const core_1 = require("@nestjs/core");
const platform_fastify_1 = require("@nestjs/platform-fastify");
const swagger_1 = require("@nestjs/swagger");
const node_crypto_1 = require("node:crypto");
const app_module_1 = require("./app.module");
const problem_filter_1 = require("./platform/errors/problem.filter");
const validation_1 = require("./platform/http/validation");
const logger_1 = require("./platform/logging/logger");
const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_PATTERN = /^[A-Za-z0-9._\-]{8,100}$/;
function createAdapter(config) {
    return new platform_fastify_1.FastifyAdapter({
        bodyLimit: config.bodyLimitBytes,
        logger: false,
        requestIdHeader: false,
        // A caller's correlation id is kept when well-formed, so logs join across services.
        genReqId: (request) => {
            const given = request.headers[CORRELATION_HEADER];
            return typeof given === 'string' && CORRELATION_PATTERN.test(given) ? given : (0, node_crypto_1.randomUUID)();
        },
    });
}
async function createApp(config) {
    const logger = new logger_1.JsonLogger((0, logger_1.createRootLogger)(config.logLevel));
    const app = await core_1.NestFactory.create(app_module_1.AppModule.forRoot(config), createAdapter(config), {
        logger,
        bufferLogs: true,
    });
    await configureApp(app, config);
    return app;
}
/** Everything an app needs besides its modules; shared by `npm start` and the e2e tests. */
async function configureApp(app, config) {
    const filter = new problem_filter_1.ProblemFilter();
    app.useGlobalPipes((0, validation_1.createValidationPipe)());
    app.useGlobalFilters(filter);
    app.enableShutdownHooks();
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.register(multipart_1.default, {
        limits: { fileSize: config.attachmentMaxBytes, files: 20, fields: 10, fieldSize: 1024, parts: 30 },
        throwFileSizeLimit: true,
    });
    // Bodies are JSON or multipart; anything else is refused with 415 rather than guessed at.
    fastify.removeContentTypeParser('text/plain');
    const rootLogger = (0, logger_1.createRootLogger)(config.logLevel);
    fastify.addHook('onRequest', (request, reply, done) => {
        void reply.header(CORRELATION_HEADER, String(request.id));
        logger_1.requestContext.enterWith({ correlationId: String(request.id) });
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
        const document = swagger_1.SwaggerModule.createDocument(app, new swagger_1.DocumentBuilder()
            .setTitle('e-Müraciət API')
            .setDescription("Citizens' appeals under the Law of Azerbaijan No. 1308-IVQ. Errors are application/problem+json (RFC 9457).")
            .setVersion('1')
            .addBearerAuth()
            .build());
        swagger_1.SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
    }
}
//# sourceMappingURL=app.factory.js.map