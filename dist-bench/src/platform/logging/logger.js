"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JsonLogger = exports.requestContext = void 0;
exports.createRootLogger = createRootLogger;
const node_async_hooks_1 = require("node:async_hooks");
const pino_1 = __importDefault(require("pino"));
/**
 * JSON lines with the request's correlation id on each line (STYLE.md "Config, logging").
 * Log ids and codes only, never personal data: no names, e-mails, texts or request bodies.
 */
exports.requestContext = new node_async_hooks_1.AsyncLocalStorage();
function createRootLogger(level) {
    return (0, pino_1.default)({
        level,
        base: { service: 'e-muraciet', pid: process.pid },
        timestamp: pino_1.default.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
            const store = exports.requestContext.getStore();
            return store ? { correlationId: store.correlationId } : {};
        },
    });
}
/** Bridges Nest's logger interface to pino so framework messages are JSON too. */
class JsonLogger {
    root;
    constructor(root) {
        this.root = root;
    }
    log(message, context) {
        this.root.info({ context }, stringify(message));
    }
    error(message, trace, context) {
        this.root.error({ context, trace }, stringify(message));
    }
    warn(message, context) {
        this.root.warn({ context }, stringify(message));
    }
    debug(message, context) {
        this.root.debug({ context }, stringify(message));
    }
    verbose(message, context) {
        this.root.trace({ context }, stringify(message));
    }
    fatal(message, context) {
        this.root.fatal({ context }, stringify(message));
    }
}
exports.JsonLogger = JsonLogger;
function stringify(message) {
    return typeof message === 'string' ? message : JSON.stringify(message);
}
//# sourceMappingURL=logger.js.map