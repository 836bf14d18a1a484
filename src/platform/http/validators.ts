import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

/** A real calendar date written YYYY-MM-DD (API.md "Conventions"). */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOnly',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isDateOnly(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a real date written YYYY-MM-DD`,
      },
    },
    options,
  );
}

export function isDateOnly(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Trims strings and turns an empty one into undefined, so "" never passes as a value. */
export const TrimToUndefined = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  });

/**
 * Like IsOptional, but only a left-out field is skipped: null is validated, so the type rule names
 * it (422). For nested objects and lists, where IsOptional let `representative: null` through to the
 * service as if it were absent (issue 12, test/e2e/bad-input.e2e-spec.ts).
 */
export const IsOptionalNotNull = (options?: ValidationOptions) =>
  ValidateIf((_object: object, value: unknown) => value !== undefined, options);
