import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IsDateOnly, IsOptionalNotNull } from '../../platform/http/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** `?agencyId=` of the public catalogue: a malformed id is input against the rules (422), as in every query. */
export class EServicesQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID()
  agencyId?: string;
}

/** `?from=&to=&minCohort=` of the league table (API.md "Evaluation"). */
export class LeagueQuery {
  @IsDateOnly()
  from: string;

  @IsDateOnly()
  to: string;

  /** Sect. 5 fairness: a rate over a smaller cohort is "insufficient data" and not ranked. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  minCohort?: number;
}

export class ExportQuery extends LeagueQuery {
  @IsIn(['csv', 'xlsx'])
  format: 'csv' | 'xlsx';
}

/** The calculators' bodies: the methodology's own validation names each bad answer (422). */
export class MaturityRequestDto {
  /** `{ "1": true, ..., "17": false }` */
  @IsObject()
  answers: Record<string, unknown>;
}

export class InfrastructureRequestDto {
  /** `{ "1.1": true, ..., "2.5": 0.01 }`; percentages as fractions 0..1. */
  @IsObject()
  answers: Record<string, unknown>;
}

export class CreateEServiceDto {
  /** Cabinet of Ministers registry number, e.g. "7.35". */
  @ApiProperty({ pattern: '^[0-9]{1,3}(\\.[0-9]{1,3}){1,2}$', maxLength: 11 })
  @Transform(trim)
  @Matches(/^[0-9]{1,3}(\.[0-9]{1,3}){1,2}$/, { message: 'registryNumber must look like 7.35' })
  registryNumber: string;

  @Transform(trim)
  @IsString()
  @Length(2, 500)
  name: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 500)
  nameEn?: string;

  @IsUUID()
  agencyId: string;
}

export class UpdateEServiceDto {
  // Left out: unchanged; null is no name, agency or state (422), not a NOT NULL violation (500).
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(2, 500)
  name?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 500)
  nameEn?: string;

  @IsOptionalNotNull()
  @IsUUID()
  agencyId?: string;

  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class CreatePeriodDto {
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  name: string;

  @IsDateOnly()
  startsOn: string;

  @IsDateOnly()
  endsOn: string;
}

/** Sect. 3: N and, when it differs from the catalogue, M. */
export class AgencyServicesDto {
  @IsInt()
  @Min(0)
  @Max(100_000)
  servicesTotal: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  servicesElectronic?: number;
}

export class SelfAssessmentDto {
  /** The 17 indicators, `{ "1": true, ..., "17": false }` (sect. 2). */
  @IsObject()
  answers: Record<string, unknown>;
}

export class ResultsQuery {
  /** `published` (the frozen snapshot; 404 before publishing) or `draft` (computed now). */
  @IsOptional()
  @IsIn(['published', 'draft'])
  view?: 'published' | 'draft';
}
