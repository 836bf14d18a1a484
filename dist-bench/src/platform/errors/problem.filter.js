"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ProblemFilter = void 0;
const common_1 = require("@nestjs/common");
const throttler_1 = require("@nestjs/throttler");
const node_crypto_1 = require("node:crypto");
const domain_error_1 = require("./domain-error");
const error_codes_1 = require("./error-codes");
const TITLES = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Content',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
};
/** Fastify's own errors that reach us before a handler runs (body parsing, limits). */
const FASTIFY_CODES = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_REQUEST',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_REQUEST',
    FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_REQ_FILE_TOO_LARGE: 'ATTACHMENT_TOO_LARGE',
    FST_FILES_LIMIT: 'ATTACHMENT_LIMIT_REACHED',
    FST_PARTS_LIMIT: 'ATTACHMENT_LIMIT_REACHED',
};
/**
 * One place turns every failure into RFC 9457 `application/problem+json` with a stable code and
 * the correlation id. A 500 shows only an error id; the details go to the log.
 */
let ProblemFilter = class ProblemFilter {
    logger = new common_1.Logger('ProblemFilter');
    catch(exception, host) {
        const http = host.switchToHttp();
        const reply = http.getResponse();
        const request = http.getRequest();
        const problem = this.toProblem(exception, String(request.id));
        if (problem.status >= 500) {
            problem.errorId = (0, node_crypto_1.randomUUID)();
            this.logger.error({ errorId: problem.errorId, route: request.routeOptions?.url, err: describe(exception) }, exception instanceof Error ? exception.stack : undefined);
        }
        void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
    }
    toProblem(exception, correlationId) {
        if (exception instanceof domain_error_1.DomainError) {
            return build(exception.code, exception.message, [...exception.errors], correlationId);
        }
        if (exception instanceof throttler_1.ThrottlerException) {
            return build('TOO_MANY_REQUESTS', 'Too many requests; try again later.', [], correlationId);
        }
        if (exception instanceof common_1.HttpException) {
            const status = exception.getStatus();
            const code = codeForStatus(status);
            return build(code, status === 404 ? 'No such route.' : exception.message, [], correlationId, status);
        }
        const fastifyCode = exception?.code;
        if (fastifyCode && FASTIFY_CODES[fastifyCode]) {
            return build(FASTIFY_CODES[fastifyCode], exception.message, [], correlationId);
        }
        const statusCode = exception?.statusCode;
        if (statusCode && statusCode >= 400 && statusCode < 500) {
            // e.g. a JSON syntax error raised by Fastify's body parser.
            return build(codeForStatus(statusCode), exception.message, [], correlationId, statusCode);
        }
        return build('INTERNAL_ERROR', 'An unexpected error occurred; quote the error id when reporting it.', [], correlationId);
    }
};
exports.ProblemFilter = ProblemFilter;
exports.ProblemFilter = ProblemFilter = __decorate([
    (0, common_1.Catch)()
], ProblemFilter);
function build(code, detail, errors, correlationId, status) {
    const httpStatus = status ?? error_codes_1.ERROR_CODES[code];
    return {
        type: `https://e-muraciet.gov.az/problems/${code.toLowerCase().replace(/_/g, '-')}`,
        title: TITLES[httpStatus] ?? 'Error',
        status: httpStatus,
        detail,
        code,
        errors,
        correlationId,
    };
}
function codeForStatus(status) {
    switch (status) {
        case 400:
            return 'MALFORMED_REQUEST';
        case 401:
            return 'UNAUTHENTICATED';
        case 403:
            return 'FORBIDDEN';
        case 404:
            return 'ROUTE_NOT_FOUND';
        case 413:
            return 'PAYLOAD_TOO_LARGE';
        case 415:
            return 'UNSUPPORTED_MEDIA_TYPE';
        case 429:
            return 'TOO_MANY_REQUESTS';
        default:
            return status >= 500 ? 'INTERNAL_ERROR' : 'MALFORMED_REQUEST';
    }
}
function describe(exception) {
    if (exception instanceof Error)
        return `${exception.name}: ${exception.message}`;
    return typeof exception;
}
//# sourceMappingURL=problem.filter.js.map