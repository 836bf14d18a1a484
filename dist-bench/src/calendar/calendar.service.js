"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var CalendarService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.CalendarService = exports.REFERRAL_TERM_WORKING_DAYS = exports.REVIEW_TERM_WORKING_DAYS = void 0;
exports.changedDates = changedDates;
const common_1 = require("@nestjs/common");
const audit_log_1 = require("../platform/audit/audit-log");
const clock_1 = require("../platform/clock/clock");
const paths_1 = require("../platform/config/paths");
const db_1 = require("../platform/database/db");
const domain_error_1 = require("../platform/errors/domain-error");
const calendar_repository_1 = require("./calendar.repository");
const domain_1 = require("./domain");
/** Art. 10.1: review term; Art. 7.10: referral term. */
exports.REVIEW_TERM_WORKING_DAYS = 15;
exports.REFERRAL_TERM_WORKING_DAYS = 3;
/**
 * The Nest face of the pure working-day engine: loads the calendar data from PostgreSQL (seeded
 * from config/calendar) and answers deadline questions. Only this service calls the engine.
 */
let CalendarService = CalendarService_1 = class CalendarService {
    repository;
    db;
    clock;
    logger = new common_1.Logger(CalendarService_1.name);
    calendar = domain_1.WorkingDayCalendar.build([]);
    calendarVersion = 0;
    constructor(repository, db, clock) {
        this.repository = repository;
        this.db = db;
        this.clock = clock;
    }
    async onModuleInit() {
        const inserted = await this.repository.insertMissingYears((0, domain_1.loadCalendarYearsFromDir)((0, paths_1.configPath)('calendar')));
        if (inserted.length > 0)
            this.logger.log(`calendar years loaded from config: ${inserted.join(', ')}`);
        await this.reload();
        if ((await this.repository.mirrorVersion()) !== this.calendarVersion) {
            await this.db.transaction((tx) => this.repository.writeMirror(tx, this.calendar.dayRows(), this.calendarVersion));
        }
    }
    /**
     * Replaces a year's calendar data (admin). In one transaction: the data, the change record
     * (who, when, before, after) that bumps the calendar version, the SQL mirror, and the set-wise
     * recomputation of every open appeal whose term spans a changed date, each moved deadline
     * recorded as a `deadline_moved` audit event of its appeal.
     */
    async replaceYear(actor, year, body) {
        let data;
        try {
            data = (0, domain_1.parseCalendarYear)(year, body);
        }
        catch (error) {
            if (error instanceof domain_1.CalendarYearValidationError) {
                throw new domain_error_1.DomainError('VALIDATION_FAILED', 'The calendar year is not valid; see errors.', error.errors);
            }
            throw error;
        }
        this.year(year); // range check
        const result = await this.db.transaction(async (tx) => {
            const stored = await this.repository.findYear(tx, year);
            const before = this.calendar.yearOf(year);
            const years = [...(await this.repository.listYears()).filter((y) => y.year !== year), data];
            const next = domain_1.WorkingDayCalendar.build(years);
            const version = await this.repository.replaceYear(tx, data, stored ?? null, actor.id);
            await this.repository.writeMirror(tx, next.dayRows(), version);
            const changed = changedDates(this.calendar, next, year, before.status !== data.status);
            const { moved } = changed
                ? await this.repository.recomputeOpenAppeals(tx, {
                    ...changed,
                    year,
                    calendarVersion: version,
                    provisionalYears: next.years().filter((y) => y.status === 'provisional').map((y) => y.year),
                    actorId: actor.id,
                    at: this.clock.now(),
                })
                : { moved: 0 };
            await (0, audit_log_1.recordAdminAction)(tx, {
                actorId: actor.id,
                action: 'calendar.year_replaced',
                subjectType: 'calendar_year',
                subjectId: String(year),
                data: { version, movedAppeals: moved, changedFrom: changed?.from ?? null, changedTo: changed?.to ?? null },
            });
            return { next, version, moved };
        });
        this.calendar = result.next;
        this.calendarVersion = result.version;
        this.logger.log({ year, version: result.version, movedAppeals: result.moved });
        return { year: this.calendar.yearOf(year), version: result.version, movedAppeals: result.moved };
    }
    async reload() {
        const [years, version] = await Promise.all([this.repository.listYears(), this.repository.currentVersion()]);
        this.calendar = domain_1.WorkingDayCalendar.build(years);
        this.calendarVersion = version;
    }
    get version() {
        return this.calendarVersion;
    }
    /** Deadlines given to an appeal at registration (items 7, 10, 11 of appeals-rules.md). */
    appealDeadlines(input) {
        const referral = this.deadline(input.receivedOn, exports.REFERRAL_TERM_WORKING_DAYS);
        if (input.regime === 'urgent') {
            const reviewDueAt = (0, domain_1.urgentDueAt)(input.receivedAt);
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
        const review = this.deadline(input.receivedOn, exports.REVIEW_TERM_WORKING_DAYS);
        return {
            referralDueDate: referral.dueDate,
            reviewDueDate: review.dueDate,
            reviewDueAt: review.dueAt,
            reviewTermWorkingDays: exports.REVIEW_TERM_WORKING_DAYS,
            provisional: review.provisional,
            calendarVersion: this.calendarVersion,
        };
    }
    deadline(from, workingDays) {
        try {
            return (0, domain_1.computeDeadline)(this.calendar, from, workingDays);
        }
        catch (error) {
            if (error instanceof RangeError) {
                throw domain_error_1.DomainError.field('CALENDAR_OUT_OF_RANGE', 'from', `The calendar covers ${this.calendar.firstDate} to ${this.calendar.lastDate}.`);
            }
            throw error;
        }
    }
    ledger(receivedOn, dueDate, today) {
        return (0, domain_1.ledger)(this.calendar, receivedOn, dueDate, today);
    }
    endOfDay(date) {
        return (0, domain_1.endOfDayInBaku)(date);
    }
    year(year) {
        const first = Number(this.calendar.firstDate.slice(0, 4));
        const last = Number(this.calendar.lastDate.slice(0, 4));
        if (!Number.isInteger(year) || year < first || year > last) {
            throw domain_error_1.DomainError.field('CALENDAR_OUT_OF_RANGE', 'year', `The calendar covers the years ${first} to ${last}.`);
        }
        return this.calendar.yearOf(year);
    }
};
exports.CalendarService = CalendarService;
exports.CalendarService = CalendarService = CalendarService_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [calendar_repository_1.CalendarRepository,
        db_1.Db,
        clock_1.Clock])
], CalendarService);
/**
 * The first and last day of `year` whose working status differs between two calendars; the whole
 * year when its status changed (provisional flags of deadlines follow the status). Null: nothing.
 */
function changedDates(before, after, year, statusChanged) {
    if (statusChanged)
        return { from: `${year}-01-01`, to: `${year}-12-31` };
    let from = null;
    let to = null;
    for (let day = new Date(Date.UTC(year, 0, 1)); day.getUTCFullYear() === year; day.setUTCDate(day.getUTCDate() + 1)) {
        const date = day.toISOString().slice(0, 10);
        if (before.isWorkingDay(date) !== after.isWorkingDay(date)) {
            from ??= date;
            to = date;
        }
    }
    return from && to ? { from, to } : null;
}
//# sourceMappingURL=calendar.service.js.map