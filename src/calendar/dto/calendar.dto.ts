import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';

export class DeadlineQueryDto {
  /** Receipt date (day 0), YYYY-MM-DD. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
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
