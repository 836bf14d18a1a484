"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NotFoundError = exports.DomainError = void 0;
/**
 * Services and jobs throw this, never `HttpException` (STYLE.md "Controllers, services, errors");
 * the problem filter maps `code` to the HTTP status.
 */
class DomainError extends Error {
    code;
    errors;
    constructor(code, message, errors = []) {
        super(message);
        this.code = code;
        this.errors = errors;
        this.name = 'DomainError';
    }
    static field(code, field, message) {
        return new DomainError(code, message, [{ field, message }]);
    }
}
exports.DomainError = DomainError;
/** Unknown or invisible case: the same answer, so callers cannot probe for existence. */
class NotFoundError extends DomainError {
    constructor(code = 'NOT_FOUND', what = 'The resource') {
        super(code, `${what} was not found.`);
    }
}
exports.NotFoundError = NotFoundError;
//# sourceMappingURL=domain-error.js.map