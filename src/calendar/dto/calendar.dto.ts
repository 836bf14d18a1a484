import { MAX_DECISION_REF_LENGTH, MAX_ENTRIES_PER_LIST, MAX_REASON_LENGTH } from '../domain/calendar-year';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsDateOnly } from '../../platform/http/validators';

export class DeadlineQueryDto {
  /** Receipt date (day 0), YYYY-MM-DD. */
  @IsDateOnly()
  from: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(120)
  workingDays: number;
}

export class DeadlineDto {
  from: string;
  workingDays: number;
  dueDate: string;
  dueAt: string;
  provisional: boolean;
  skippedDates: string[];
}

export class CalendarEntryDto {
  date: string;
  @ApiProperty({ maxLength: MAX_REASON_LENGTH })
  reason: string;
}

export class CalendarYearDto {
  year: number;
  status: 'official' | 'provisional';
  decisionRef: string | null;
  nonWorkingDays: CalendarEntryDto[];
  workingWeekendDays: CalendarEntryDto[];
}

/**
 * The body of `PUT /calendar/years/:year`, as the calendar domain validates it (calendar-year.ts):
 * the year comes from the path, and no decision yet may be said by leaving decisionRef out.
 */
export class CalendarYearInputDto {
  /** When given, the year of the path. */
  year?: number;
  status: 'official' | 'provisional';
  /** The Cabinet's decision; absent or null while the year is provisional. */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MAX_DECISION_REF_LENGTH })
  decisionRef?: string | null;
  @ApiProperty({ type: [CalendarEntryDto], maxItems: MAX_ENTRIES_PER_LIST })
  nonWorkingDays: CalendarEntryDto[];
  @ApiProperty({ type: [CalendarEntryDto], maxItems: MAX_ENTRIES_PER_LIST })
  workingWeekendDays: CalendarEntryDto[];
}

export class CalendarYearUpdatedDto extends CalendarYearDto {
  calendarVersion: number;
  /** Open appeals whose deadlines moved with this change. */
  movedAppeals: number;
}
