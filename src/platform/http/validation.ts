import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from '../errors/domain-error';

/** A field error that also names the class-validator constraint it broke ("isEmail", "isLength", ...). */
export interface ConstraintError extends FieldError {
  readonly constraint?: string;
}

/**
 * Flattens nested class-validator errors into `{ field: "applicant.email", message }`. The pages
 * ask for the constraint name too (`withConstraint`), to say the same rule in Azerbaijani; the
 * API's errors keep their documented two keys.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = '', withConstraint = false): ConstraintError[] {
  const result: ConstraintError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      result.push(withConstraint ? { field, message, constraint } : { field, message });
    }
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, field, withConstraint));
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
