import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsDateOnly } from '../../platform/http/validators';
import { APPEAL_STATUSES, APPEAL_TYPES, AppealStatus, AppealType } from '../domain/appeal-types';

export class ListAppealsQuery {
  @IsOptional()
  @IsIn(APPEAL_STATUSES as unknown as string[])
  status?: AppealStatus;

  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @IsOptional()
  @IsIn(APPEAL_TYPES as unknown as string[])
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
