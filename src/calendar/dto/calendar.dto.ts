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
  reason: string;
}

export class CalendarYearDto {
  year: number;
  status: 'official' | 'provisional';
  decisionRef: string | null;
  nonWorkingDays: CalendarEntryDto[];
  workingWeekendDays: CalendarEntryDto[];
}

export class CalendarYearUpdatedDto extends CalendarYearDto {
  calendarVersion: number;
  /** Open appeals whose deadlines moved with this change. */
  movedAppeals: number;
}
