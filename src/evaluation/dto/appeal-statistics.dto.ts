import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';

/*
 * GET /api/v1/statistics/appeals (appeals-rules.md 18): the query and the JSON answer. The CSV and
 * XLSX carry the same rows, one per month and agency.
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_SCHEMA = '^[0-9]{4}-(0[1-9]|1[0-2])$';

export class AppealStatisticsQuery {
  /** First month, YYYY-MM (Asia/Baku). */
  @ApiProperty({ pattern: MONTH_SCHEMA, maxLength: 7, example: '2026-01' })
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM' })
  from: string;

  /** Last month, YYYY-MM, at most 36 months after `from`. */
  @ApiProperty({ pattern: MONTH_SCHEMA, maxLength: 7, example: '2026-12' })
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM' })
  to: string;

  /** One agency of the caller's scope; without it, every agency the caller may see. */
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  /** `json` (default), `csv` (UTF-8 with a byte-order mark) or `xlsx`. */
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

export class AppealsByTypeDto {
  proposal: number;
  application: number;
  complaint: number;
}

export class AppealsByChannelDto {
  portal: number;
  email: number;
  post: number;
  fax: number;
  in_person: number;
  reception: number;
  phone: number;
}

/** The outcome each appeal received in the month has now. */
export class AppealsByOutcomeDto {
  answered: number;
  referred: number;
  leftWithoutConsideration: number;
  open: number;
}

export class StatisticsBreakdownDto {
  /** Appeals received in the month(s). */
  received: number;
  byType: AppealsByTypeDto;
  byChannel: AppealsByChannelDto;
  byOutcome: AppealsByOutcomeDto;
  /** Methodology sect. 5's due cohort: deadline in the month, closed or open past it. */
  reviewCohort: number;
  reviewedOnTime: number;
  @ApiProperty({ type: 'number', format: 'double', nullable: true, minimum: 0, maximum: 1 })
  onTimeReviewRate: number | null;
  /** Referrals and copies sent in the month (Art. 7.10). */
  referralCohort: number;
  referredOnTime: number;
  @ApiProperty({ type: 'number', format: 'double', nullable: true, minimum: 0, maximum: 1 })
  onTimeReferralRate: number | null;
}

export class StatisticsItemDto extends StatisticsBreakdownDto {
  /** YYYY-MM */
  @ApiProperty({ pattern: MONTH_SCHEMA })
  month: string;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
}

export class StatisticsAgencyDto {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
}

export class AppealStatisticsDto {
  /** YYYY-MM, as asked. */
  @ApiProperty({ pattern: MONTH_SCHEMA })
  from: string;
  @ApiProperty({ pattern: MONTH_SCHEMA })
  to: string;
  /** Every month of the range, YYYY-MM. */
  @ApiProperty({ type: 'string', isArray: true, pattern: MONTH_SCHEMA })
  months: string[];
  agencies: StatisticsAgencyDto[];
  computedAt: string;
  items: StatisticsItemDto[];
  totals: StatisticsBreakdownDto;
}
