import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { configPath } from '../platform/config/paths';
import { DomainError } from '../platform/errors/domain-error';
import { CalendarRepository } from './calendar.repository';
import {
  CalendarYear,
  computeDeadline,
  Deadline,
  endOfDayInBaku,
  ledger,
  loadCalendarYearsFromDir,
  TermLedger,
  urgentDueAt,
  WorkingDayCalendar,
} from './domain';

export type Regime = 'standard' | 'military' | 'urgent';

/** Art. 10.1: review term; Art. 7.10: referral term. */
export const REVIEW_TERM_WORKING_DAYS = 15;
export const REFERRAL_TERM_WORKING_DAYS = 3;

export interface AppealDeadlines {
  readonly referralDueDate: string;
  readonly reviewDueDate: string;
  readonly reviewDueAt: string;
  /** Null for urgent appeals: their term is 24 clock hours (Art. 10.4). */
  readonly reviewTermWorkingDays: number | null;
  readonly provisional: boolean;
  readonly calendarVersion: number;
}

/**
 * The Nest face of the pure working-day engine: loads the calendar data from PostgreSQL (seeded
 * from config/calendar) and answers deadline questions. Only this service calls the engine.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly logger = new Logger(CalendarService.name);
  private calendar: WorkingDayCalendar = WorkingDayCalendar.build([]);
  private calendarVersion = 0;

  constructor(private readonly repository: CalendarRepository) {}

  async onModuleInit(): Promise<void> {
    const inserted = await this.repository.insertMissingYears(loadCalendarYearsFromDir(configPath('calendar')));
    if (inserted.length > 0) this.logger.log(`calendar years loaded from config: ${inserted.join(', ')}`);
    await this.reload();
  }

  async reload(): Promise<void> {
    const [years, version] = await Promise.all([this.repository.listYears(), this.repository.currentVersion()]);
    this.calendar = WorkingDayCalendar.build(years);
    this.calendarVersion = version;
  }

  get version(): number {
    return this.calendarVersion;
  }

  /** Deadlines given to an appeal at registration (items 7, 10, 11 of appeals-rules.md). */
  appealDeadlines(input: { receivedOn: string; receivedAt: Date; regime: Regime }): AppealDeadlines {
    const referral = this.deadline(input.receivedOn, REFERRAL_TERM_WORKING_DAYS);
    if (input.regime === 'urgent') {
      const reviewDueAt = urgentDueAt(input.receivedAt);
      return {
        referralDueDate: referral.dueDate,
        reviewDueDate: reviewDueAt.slice(0, 10),
        reviewDueAt,
        reviewTermWorkingDays: null,
        provisional: referral.provisional,
        calendarVersion: this.calendarVersion,
      };
    }
    // Military appeals (Art. 10.3) have the standard 15 days; they only lose the extension.
    const review = this.deadline(input.receivedOn, REVIEW_TERM_WORKING_DAYS);
    return {
      referralDueDate: referral.dueDate,
      reviewDueDate: review.dueDate,
      reviewDueAt: review.dueAt,
      reviewTermWorkingDays: REVIEW_TERM_WORKING_DAYS,
      provisional: review.provisional,
      calendarVersion: this.calendarVersion,
    };
  }

  deadline(from: string, workingDays: number): Deadline {
    try {
      return computeDeadline(this.calendar, from, workingDays);
    } catch (error) {
      if (error instanceof RangeError) {
        throw DomainError.field('CALENDAR_OUT_OF_RANGE', 'from', `The calendar covers ${this.calendar.firstDate} to ${this.calendar.lastDate}.`);
      }
      throw error;
    }
  }

  ledger(receivedOn: string, dueDate: string, today: string): TermLedger {
    return ledger(this.calendar, receivedOn, dueDate, today);
  }

  endOfDay(date: string): string {
    return endOfDayInBaku(date);
  }

  year(year: number): CalendarYear {
    const first = Number(this.calendar.firstDate.slice(0, 4));
    const last = Number(this.calendar.lastDate.slice(0, 4));
    if (!Number.isInteger(year) || year < first || year > last) {
      throw DomainError.field('CALENDAR_OUT_OF_RANGE', 'year', `The calendar covers the years ${first} to ${last}.`);
    }
    return this.calendar.yearOf(year);
  }
}
