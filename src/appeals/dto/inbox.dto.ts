import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { TrimToUndefined } from '../../platform/http/validators';
import { APPEAL_STATUSES, APPEAL_TYPES, AppealStatus, AppealType, Channel, CHANNELS } from '../domain/appeal-types';

/** At most this many cases in one bulk action: each is its own transaction, run one after another. */
export const BULK_MAX_CASES = 100;

export const INBOX_DUE = ['overdue', 'week'] as const;
export type InboxDue = (typeof INBOX_DUE)[number];

/** The inbox's filters (issue 15); anything left out is not filtered on. */
export class InboxQuery {
  /** One status; left out: the open cases. */
  @IsOptional()
  @IsIn(APPEAL_STATUSES)
  status?: AppealStatus;

  /** `me`, `none` (nobody assigned yet) or a colleague's id. */
  @IsOptional()
  @ValidateIf((_, value) => value !== 'me' && value !== 'none')
  @IsUUID()
  assignee?: string;

  /** `overdue`: past the review term; `week`: due from today to this week's Sunday. */
  @IsOptional()
  @IsIn(INBOX_DUE)
  due?: InboxDue;

  @IsOptional()
  @IsIn(APPEAL_TYPES)
  type?: AppealType;

  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  /** Full-text search over subject and text: words, "a phrase", -excluded, or. */
  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @Length(2, 200)
  q?: string;

  /** The page after this position (a cursor the inbox gave). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;

  /** The page before this position. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  before?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** Each string of a list lower-cased (a UUID's letter case does not make it another case); anything else as it came. */
function lowerCasedIds(value: unknown): unknown {
  return Array.isArray(value) ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.toLowerCase() : v)) : value;
}

/** The cases of one bulk action: each once. */
export class BulkCasesDto {
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true, minItems: 1, maxItems: BULK_MAX_CASES, uniqueItems: true })
  // A UUID is one case whatever its letter case: lower-cased first, so ArrayUnique sees the same
  // case given twice (otherwise `A…` and `a…` both pass and the case is acted on twice).
  @Transform(({ value }: { value: unknown }) => lowerCasedIds(value))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX_CASES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  appealIds: string[];
}

/** Each case to this executor (an official or supervisor of the case's agency), as POST .../:id/assignment. */
export class BulkAssignmentDto extends BulkCasesDto {
  @IsUUID()
  executorId: string;
}

/** Art. 7.10: each case to the competent agency, as POST .../:id/referral. */
export class BulkReferralDto extends BulkCasesDto {
  @IsUUID()
  toAgencyId: string;

  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export const BULK_OUTCOMES = ['done', 'refused'] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];

/** One case's outcome in a bulk action. */
export class BulkCaseResultView {
  appealId: string;
  @ApiProperty({ enum: BULK_OUTCOMES })
  outcome: BulkOutcome;
  /** Null when the case is not one the caller may see (it is refused as not found). */
  registrationNumber: string | null;
  /** The case's version after the change; null when refused. */
  version: number | null;
  /** Why it was refused: the error code the single action gives (API.md errors), and its detail. */
  code: string | null;
  detail: string | null;
}

/** The outcome of every case, in the order given; each case was its own transaction with its audit event. */
export class BulkResultDto {
  items: BulkCaseResultView[];
  done: number;
  refused: number;
}
