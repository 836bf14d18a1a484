import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Actor } from '../auth/actor';
import { recordAdminAction } from '../platform/audit/audit-log';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { configPath } from '../platform/config/paths';
import { Db } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { CalendarRepository } from './calendar.repository';
import { AppealIdRange, DeadlineRecomputation, RecomputeInput } from './deadline-recomputation.port';
import {
  CalendarEntry,
  CalendarYear,
  CalendarYearValidationError,
  computeDeadline,
  Deadline,
  ledger,
  loadCalendarYearsFromDir,
  parseCalendarYear,
  TermLedger,
  urgentDueAt,
  WorkingDayCalendar,
} from './domain';

/** Slices of the appeal id space recomputed as separate transactions, and how many at once. */
const RECOMPUTE_SLICES = 64;
const RECOMPUTE_CONCURRENCY = 2;
const VERSION_CHECK_MS = 5_000;

/**
 * The Nest face of the pure working-day engine: loads the calendar data from PostgreSQL (seeded
 * from config/calendar) and answers deadline questions. Only this service calls the engine.
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CalendarService.name);
  private calendar: WorkingDayCalendar = WorkingDayCalendar.build([]);
  private calendarVersion = 0;
  private versionWatch?: NodeJS.Timeout;
  private deadlines?: DeadlineRecomputation;

  constructor(
    private readonly repository: CalendarRepository,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const inserted = await this.repository.insertMissingYears(loadCalendarYearsFromDir(configPath('calendar')));
    if (inserted.length > 0) this.logger.log(`calendar years loaded from config: ${inserted.join(', ')}`);
    await this.reload();
    if ((await this.repository.mirrorVersion()) !== this.calendarVersion) {
      await this.db.transaction((tx) => this.repository.writeMirror(tx, this.calendar.dayRows(), this.calendarVersion));
    }
    // Another replica may change the calendar: notice within seconds (one indexed max() per tick).
    this.versionWatch = setInterval(() => {
      this.repository
        .currentVersion()
        .then((version) => (version !== this.calendarVersion ? this.reload() : undefined))
        .catch((error: Error) => this.logger.warn(`calendar version check failed: ${error.message}`));
    }, VERSION_CHECK_MS);
    this.versionWatch.unref();
  }

  /**
   * The appeals module binds its side of a recomputation here at start (it owns the appeals'
   * tables; calendar does not import it). Bound before any application bootstrap hook runs.
   */
  bindDeadlineRecomputation(port: DeadlineRecomputation): void {
    this.deadlines = port;
  }

  onModuleDestroy(): void {
    clearInterval(this.versionWatch);
  }

  /** Resumes recomputations a crash interrupted; they are idempotent, so a repeat is harmless. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api' || !this.config.schedulerEnabled) return;
    for (const pending of await this.repository.pendingRecomputations()) {
      this.logger.warn({ version: pending.calendarVersion }, 'resuming an unfinished deadline recomputation');
      await this.recompute(pending);
    }
  }

  /**
   * Replaces a year's calendar data (admin). One transaction writes the data, the change record
   * (who, when, before, after, and what must be recomputed) that bumps the calendar version, and
   * the SQL mirror. Then every open appeal whose term spans a changed date is recomputed set-wise,
   * each moved deadline recorded as a `deadline_moved` audit event of its appeal.
   */
  async replaceYear(actor: Actor, year: number, body: unknown): Promise<{ year: CalendarYear; version: number; movedAppeals: number }> {
    let data: CalendarYear;
    try {
      data = parseCalendarYear(year, body);
    } catch (error) {
      if (error instanceof CalendarYearValidationError) {
        throw new DomainError('VALIDATION_FAILED', 'The calendar year is not valid; see errors.', error.errors);
      }
      throw error;
    }
    this.year(year); // range check
    const committed = await this.db.transaction(async (tx) => {
      const stored = await this.repository.findYear(tx, year);
      const before = this.calendar.yearOf(year);
      const years = [...(await this.repository.listYears()).filter((y) => y.year !== year), data];
      const next = WorkingDayCalendar.build(years);
      const changed = changedDates(this.calendar, next, year, before.status !== data.status);
      const recompute = changed
        ? {
            ...changed,
            year,
            provisionalYears: next
              .years()
              .filter((y) => y.status === 'provisional')
              .map((y) => y.year),
            actorId: actor.id,
            at: this.clock.now(),
          }
        : null;
      const version = await this.repository.replaceYear(tx, data, stored ?? null, actor.id, recompute);
      await this.repository.writeMirror(tx, next.dayRows(), version);
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'calendar.year_replaced',
        subjectType: 'calendar_year',
        subjectId: String(year),
        data: { version, changedFrom: changed?.from ?? null, changedTo: changed?.to ?? null },
      });
      return { next, version, recompute };
    });
    this.calendar = committed.next;
    this.calendarVersion = committed.version;
    const movedAppeals = committed.recompute ? await this.recompute({ ...committed.recompute, calendarVersion: committed.version }) : 0;
    this.logger.log({ year, version: committed.version, movedAppeals });
    return { year: this.calendar.yearOf(year), version: committed.version, movedAppeals };
  }

  /**
   * Recomputes open appeals slice by slice of the id space, a few slices at a time: each slice is
   * one short transaction (no lock on millions of rows for the whole pass) and the slices use
   * both cores. Idempotent: a repeated slice finds nothing to move.
   */
  async recompute(input: RecomputeInput): Promise<number> {
    const deadlines = this.deadlines;
    // A calendar change without its recomputation would leave deadlines wrong: refuse loudly.
    if (!deadlines) throw new Error('no deadline recomputation bound (AppealsModule not loaded)');
    const slices = idSlices(RECOMPUTE_SLICES);
    let moved = 0;
    let next = 0;
    const work = async () => {
      while (next < slices.length) {
        // Not `moved += await ...`: that reads `moved` before the await and loses the other worker's count.
        const slice = await deadlines.recomputeSlice(input, slices[next++]);
        moved += slice;
      }
    };
    await Promise.all(Array.from({ length: RECOMPUTE_CONCURRENCY }, work));
    await this.repository.markRecomputed(input.calendarVersion, moved);
    return moved;
  }

  async reload(): Promise<void> {
    const [years, version] = await Promise.all([this.repository.listYears(), this.repository.currentVersion()]);
    this.calendar = WorkingDayCalendar.build(years);
    this.calendarVersion = version;
  }

  get version(): number {
    return this.calendarVersion;
  }

  /** Art. 10.4: an urgent appeal's 24 clock hours: the instant, and its date in Baku. */
  urgentEnd(receivedAt: Date): { dueDate: string; dueAt: string; calendarVersion: number } {
    const dueAt = urgentDueAt(receivedAt);
    return { dueDate: bakuDateOf(new Date(dueAt)), dueAt, calendarVersion: this.calendarVersion };
  }

  /**
   * The end of a review term of `workingDays` from `from` (day 0): what case handling calls after
   * additional study, an extension or a referral re-plans a term.
   */
  termEnd(from: string, workingDays: number): { dueDate: string; dueAt: string; provisional: boolean; calendarVersion: number } {
    const { dueDate, dueAt, provisional } = this.deadline(from, workingDays);
    return { dueDate, dueAt, provisional, calendarVersion: this.calendarVersion };
  }

  deadline(from: string, workingDays: number): Deadline {
    try {
      return computeDeadline(this.calendar, from, workingDays);
    } catch (error) {
      if (error instanceof RangeError) {
        throw DomainError.field(
          'CALENDAR_OUT_OF_RANGE',
          'from',
          `The calendar covers ${this.calendar.firstDate} to ${this.calendar.lastDate}.`,
        );
      }
      throw error;
    }
  }

  ledger(receivedOn: string, dueDate: string, today: string): TermLedger {
    return ledger(this.calendar, receivedOn, dueDate, today);
  }

  /**
   * The non-working days a term from `from` (day 0) to `to` passed over, each with the reason the
   * calendar data records (null for an ordinary weekend): the applicant's deadline ledger.
   */
  skippedDays(from: string, to: string): Array<{ date: string; reason: string | null }> {
    const reasons = new Map(this.entriesOfYears(from, to, 'nonWorkingDays').map((entry) => [entry.date, entry.reason]));
    return this.calendar.skippedDates(from, to).map((date) => ({ date, reason: reasons.get(date) ?? null }));
  }

  /**
   * The Saturdays and Sundays a term from `from` (day 0) to `to` counted as working days because a
   * Cabinet swap made them so (Labour Code 105.7), with the data's reasons: the ledger names them.
   */
  workedWeekendDays(from: string, to: string): CalendarEntry[] {
    return this.entriesOfYears(from, to, 'workingWeekendDays')
      .filter((entry) => entry.date > from && entry.date <= to)
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  private entriesOfYears(from: string, to: string, list: 'nonWorkingDays' | 'workingWeekendDays'): CalendarEntry[] {
    const entries: CalendarEntry[] = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) entries.push(...this.calendar.yearOf(year)[list]);
    return entries;
  }

  isWorkingDay(date: string): boolean {
    return this.calendar.isWorkingDay(date);
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

/**
 * The first and last day of `year` whose working status differs between two calendars; the whole
 * year when its status changed (provisional flags of deadlines follow the status). Null: nothing.
 */
export function changedDates(
  before: WorkingDayCalendar,
  after: WorkingDayCalendar,
  year: number,
  statusChanged: boolean,
): { from: string; to: string } | null {
  if (statusChanged) return { from: `${year}-01-01`, to: `${year}-12-31` };
  let from: string | null = null;
  let to: string | null = null;
  for (let day = new Date(Date.UTC(year, 0, 1)); day.getUTCFullYear() === year; day.setUTCDate(day.getUTCDate() + 1)) {
    const date = day.toISOString().slice(0, 10);
    if (before.isWorkingDay(date) !== after.isWorkingDay(date)) {
      from ??= date;
      to = date;
    }
  }
  return from && to ? { from, to } : null;
}

/** `count` contiguous slices covering the whole uuid space, split on the first 32 bits. */
export function idSlices(count: number): AppealIdRange[] {
  const size = 2 ** 32 / count;
  return Array.from({ length: count }, (_, i) => {
    const hex = (n: number) => Math.floor(n).toString(16).padStart(8, '0');
    return {
      first: `${hex(i * size)}-0000-0000-0000-000000000000`,
      last: `${hex((i + 1) * size - 1)}-ffff-ffff-ffff-ffffffffffff`,
    };
  });
}
