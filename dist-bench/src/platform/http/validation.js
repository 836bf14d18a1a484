"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.flattenValidationErrors = flattenValidationErrors;
exports.createValidationPipe = createValidationPipe;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../errors/domain-error");
/** Flattens nested class-validator errors into `{ field: "applicant.email", message }`. */
function flattenValidationErrors(errors, parent = '') {
    const result = [];
    for (const error of errors) {
        const field = parent ? `${parent}.${error.property}` : error.property;
        for (const message of Object.values(error.constraints ?? {})) {
            result.push({ field, message });
        }
        if (error.children?.length)
            result.push(...flattenValidationErrors(error.children, field));
    }
    return result;
}
/**
 * One global pipe (STYLE.md): unknown fields are refused, and a well-formed body against the rules
 * is a 422 naming each field (API.md "Errors").
 */
function createValidationPipe() {
    return new BodyShapeValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        stopAtFirstError: false,
        validationError: { target: false, value: false },
        exceptionFactory: (errors) => {
            const fields = flattenValidationErrors(errors);
            return new domain_error_1.DomainError('VALIDATION_FAILED', 'The request does not satisfy the rules; see errors.', fields);
        },
    });
}
/** A JSON body that is not an object (an array, a string, null) is malformed, not a rule breach. */
class BodyShapeValidationPipe extends common_1.ValidationPipe {
    async transform(value, metadata) {
        if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
            throw new domain_error_1.DomainError('MALFORMED_REQUEST', 'The request body must be a JSON object.');
        }
        return super.transform(value, metadata);
    }
}
//# sourceMappingURL=validation.js.map