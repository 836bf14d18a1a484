import { ErrorCode } from './error-codes';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * Services and jobs throw this, never `HttpException` (STYLE.md "Controllers, services, errors");
 * the problem filter maps `code` to the HTTP status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static field(code: ErrorCode, field: string, message: string): DomainError {
    return new DomainError(code, message, [{ field, message }]);
  }
}

/** Unknown or invisible case: the same answer, so callers cannot probe for existence. */
export class NotFoundError extends DomainError {
  constructor(code: ErrorCode = 'NOT_FOUND', what = 'The resource') {
    super(code, `${what} was not found.`);
  }
}

/** 429 with `Retry-After` (API.md "Too many requests"): the problem filter sends the header. */
export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('TOO_MANY_REQUESTS', message);
  }
}
