import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsDateOnly, TrimToUndefined } from '../../platform/http/validators';
import { ANSWER_CHANNELS, AnswerChannel, Regime, REGIMES } from '../domain/appeal-types';

/**
 * Every action names the version of the case the caller saw (compare-and-set, 409 if stale).
 * Exported: the OpenAPI plugin documents only exported classes, and left `version` out of every action.
 */
export class VersionedDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  // appeal_state.version is an int4: a larger number can never be the case's version.
  @Max(2_147_483_647)
  version: number;
}

/** "Assign to me" (POST .../:id/take): the official is the executor, so only the version is named. */
export class TakeDto extends VersionedDto {}

export class AssignDto extends VersionedDto {
  /** An official of the handling agency. */
  @IsUUID()
  executorId: string;
}

export class ReasonDto extends VersionedDto {
  @TrimToUndefined()
  @IsString()
  @Length(5, 2000)
  reason: string;
}

export class ExtensionDto extends ReasonDto {
  /** Art. 10.2: 1 to 30 working days, once, from the end of the current term. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  workingDays: number;
}

export class AnswerDto extends VersionedDto {
  /** Art. 7.5: the reasoned answer, in Azerbaijani. */
  @IsString()
  @MaxLength(20_000)
  text: string;

  /** Position of the official who decided (Art. 7.5); the name comes from the account. */
  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @Length(2, 200)
  position?: string;

  /** Art. 7.6: how the answer was sent; default the channel asked for at intake. Post and in person send no e-mail. */
  @IsOptional()
  @IsIn(ANSWER_CHANNELS)
  channel?: AnswerChannel;

  /** The day the letter was posted or handed over (YYYY-MM-DD, Baku); default today. */
  @IsOptional()
  @IsDateOnly()
  dispatchedOn?: string;
}

/** appeals-rules.md 10: staff confirm or change the regime the applicant asked for, with a reason. */
export class RegimeDto extends ReasonDto {
  @IsIn(REGIMES)
  regime: Regime;
}

/** appeals-rules.md 15: this appeal (a follow-up) is answered with the open appeal `intoAppealId`. */
export class MergeDto extends VersionedDto {
  @IsUUID()
  intoAppealId: string;
}

export class FeedbackDto {
  @IsBoolean()
  satisfied: boolean;

  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ReferralDto extends VersionedDto {
  /** Art. 7.10: the competent agency. */
  @IsUUID()
  toAgencyId: string;

  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CopiesDto extends VersionedDto {
  /** Art. 7.10: every other competent agency, each once. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  agencyIds: string[];

  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class NoteDto extends VersionedDto {
  /** Art. 8.2: the applicant is told the reasons. */
  @TrimToUndefined()
  @IsString()
  @Length(5, 2000)
  note: string;
}

export class LeaveWithoutConsiderationDto extends NoteDto {
  /** Art. 8.1: one of the API.md grounds. */
  @IsString()
  @MaxLength(40)
  ground: string;
}

/**
 * AOC 594-1.1.2, 594-1.1.4: whom a complaint is about. A field left out stays as it is; null clears it.
 * `respondentOfficialId` is a staff account, who from then on gets 404 for the complaint.
 */
export class RespondentDto extends VersionedDto {
  @IsOptional()
  @IsUUID()
  respondentAgencyId?: string | null;

  @IsOptional()
  @IsUUID()
  respondentOfficialId?: string | null;

  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(300)
  respondentOfficial?: string | null;
}
