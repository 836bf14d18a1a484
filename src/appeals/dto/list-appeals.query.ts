import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsDateOnly, TrimToUndefined } from '../../platform/http/validators';
import { APPEAL_STATUSES, APPEAL_TYPES, AppealStatus, AppealType } from '../domain/appeal-types';

export class ListAppealsQuery {
  @IsOptional()
  @IsIn(APPEAL_STATUSES)
  status?: AppealStatus;

  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @IsOptional()
  @IsIn(APPEAL_TYPES)
  type?: AppealType;

  /** Open appeals past their review deadline. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  /** Review due on or before this date. */
  @IsOptional()
  @IsDateOnly()
  dueBefore?: string;

  /** The executor: an official's id, or `me`. */
  @IsOptional()
  @ValidateIf((_, value) => value !== 'me')
  @IsUUID()
  assignee?: string;

  /** Full-text search over subject and text: words, "a phrase", -excluded, or. */
  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @Length(2, 200)
  q?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class CountsQuery {
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}
