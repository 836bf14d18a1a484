import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from '../errors/domain-error';

/** Flattens nested class-validator errors into `{ field: "applicant.email", message }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      result.push({ field, message });
    }
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, field));
  }
  return result;
}

/**
 * One global pipe (STYLE.md): unknown fields are refused, and a well-formed body against the rules
 * is a 422 naming each field (API.md "Errors").
 */
export function createValidationPipe(): ValidationPipe {
  return new BodyShapeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new DomainError('VALIDATION_FAILED', 'The request does not satisfy the rules; see errors.', fields);
    },
  });
}

/** A JSON body that is not an object (an array, a string, null) is malformed, not a rule breach. */
class BodyShapeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new DomainError('MALFORMED_REQUEST', 'The request body must be a JSON object.');
    }
    return super.transform(value, metadata);
  }
}
