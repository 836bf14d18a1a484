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
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppealsService = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const agencies_service_1 = require("../agencies/agencies.service");
const calendar_service_1 = require("../calendar/calendar.service");
const notifications_service_1 = require("../notifications/notifications.service");
const clock_1 = require("../platform/clock/clock");
const domain_error_1 = require("../platform/errors/domain-error");
const idempotency_service_1 = require("../platform/idempotency/idempotency.service");
const appeal_events_repository_1 = require("./appeal-events.repository");
const appeal_presenter_1 = require("./appeal.presenter");
const appeals_repository_1 = require("./appeals.repository");
const attachments_repository_1 = require("./attachments.repository");
const access_policy_1 = require("./domain/access-policy");
const intake_rules_1 = require("./domain/intake-rules");
const DEFAULT_PAGE = 50;
let AppealsService = class AppealsService {
    appeals;
    events;
    attachments;
    agencies;
    calendar;
    notifications;
    idempotency;
    clock;
    constructor(appeals, events, attachments, agencies, calendar, notifications, idempotency, clock) {
        this.appeals = appeals;
        this.events = events;
        this.attachments = attachments;
        this.agencies = agencies;
        this.calendar = calendar;
        this.notifications = notifications;
        this.idempotency = idempotency;
        this.clock = clock;
    }
    /**
     * Intake (Art. 3, 6; Decree No. 429 para 2.3): the appeal, its parties, its first audit event
     * and the confirmation mail's outbox row are written in one transaction, or nothing is.
     */
    async submit(actor, input, idempotencyKey) {
        const now = this.clock.now();
        const decision = (0, intake_rules_1.decideIntake)(input, { role: actor.role, actorAgencyId: actor.agencyId, today: (0, clock_1.bakuDateOf)(now) });
        const agency = await this.agencies.exists(input.agencyId).then((found) => (found ? this.agencies.get(input.agencyId) : undefined));
        if (!agency)
            throw domain_error_1.DomainError.field('APPEAL_UNKNOWN_AGENCY', 'agencyId', 'No such agency.');
        if (input.respondentAgencyId && !(await this.agencies.exists(input.respondentAgencyId))) {
            throw domain_error_1.DomainError.field('APPEAL_UNKNOWN_AGENCY', 'respondentAgencyId', 'No such agency.');
        }
        // A receipt today keeps its real time (urgent appeals run 24 clock hours, Art. 10.4); an
        // earlier receipt is taken at the start of that Baku day, the earliest it can have been.
        const receivedAt = decision.receivedOn === (0, clock_1.bakuDateOf)(now) ? now : new Date(`${decision.receivedOn}T00:00:00+04:00`);
        const deadlines = this.calendar.appealDeadlines({ receivedOn: decision.receivedOn, receivedAt, regime: decision.regime });
        const year = Number((0, clock_1.bakuDateOf)(now).slice(0, 4));
        const sequence = await this.appeals.ensureRegistrationSequence(year);
        return this.idempotency.run(actor.id, idempotencyKey, input, async (tx) => {
            const row = await this.appeals.insert(tx, {
                id: (0, node_crypto_1.randomUUID)(),
                type: input.type,
                // Art. 6.4: an anonymous paper appeal is recorded and left without consideration at once.
                status: decision.anonymous ? 'left_without_consideration' : 'registered',
                closureGround: decision.anonymous ? 'form_defect' : null,
                agencyId: input.agencyId,
                subject: input.subject,
                text: input.text,
                channel: decision.channel,
                regime: decision.regime,
                confidential: input.confidential ?? false,
                anonymous: decision.anonymous,
                collective: decision.collective,
                receivedOn: decision.receivedOn,
                reviewTermFrom: decision.receivedOn,
                registeredAt: now,
                ownerUserId: actor.role === 'citizen' ? actor.id : null,
                registeredBy: actor.id,
                respondentAgencyId: input.respondentAgencyId ?? null,
                respondentOfficial: input.respondentOfficial ?? null,
                referralDueDate: deadlines.referralDueDate,
                reviewDueDate: deadlines.reviewDueDate,
                reviewDueAt: deadlines.reviewDueAt,
                reviewTermWorkingDays: deadlines.reviewTermWorkingDays,
                deadlinesProvisional: deadlines.provisional,
                calendarVersion: deadlines.calendarVersion,
            }, year, sequence);
            await this.appeals.insertParties(tx, row.id, partiesOf(input));
            await this.events.append(tx, row.id, {
                type: 'registered',
                actorId: actor.id,
                actorRole: actor.role,
                occurredAt: now,
                data: {
                    registrationNumber: row.registrationNumber,
                    status: row.status,
                    agencyId: row.agencyId,
                    channel: row.channel,
                    receivedOn: row.receivedOn,
                    referralDueDate: row.referralDueDate,
                    reviewDueDate: row.reviewDueDate,
                    calendarVersion: row.calendarVersion,
                    ...(decision.anonymous ? { closureGround: 'form_defect' } : {}),
                },
            });
            await this.confirm(tx, row, input, agency);
            return { statusCode: 201, body: (0, appeal_presenter_1.toAppealDto)(row) };
        });
    }
    async get(actor, id) {
        const row = await this.loadVisible(actor, id);
        const [parties, attachments, events] = await Promise.all([
            this.appeals.partiesOf(id),
            this.attachments.listMeta(id),
            this.events.list(id),
        ]);
        const today = (0, clock_1.bakuDateOf)(this.clock.now());
        const workingTerm = row.reviewTermWorkingDays !== null;
        const termLedger = workingTerm ? this.calendar.ledger(row.reviewTermFrom, row.reviewDueDate, today) : null;
        return (0, appeal_presenter_1.toAppealDetail)({
            row,
            parties,
            attachments,
            identityVisible: (0, access_policy_1.canSeeIdentity)(actor, row),
            history: events.map((e) => ({ seq: e.seq, type: e.type, occurredAt: e.occurredAt })),
            deadlines: {
                referral: { dueDate: row.referralDueDate },
                review: {
                    dueDate: row.reviewDueDate,
                    dueAt: new Date(row.reviewDueAt).toISOString(),
                    workingDays: row.reviewTermWorkingDays,
                    workingDaysUsed: termLedger?.workingDaysUsed ?? null,
                    workingDaysLeft: termLedger?.workingDaysLeft ?? null,
                },
                provisional: row.deadlinesProvisional,
                calendarVersion: row.calendarVersion,
            },
        });
    }
    async listEvents(actor, id) {
        await this.loadVisible(actor, id);
        return { items: (await this.events.list(id)).map(({ appealId: _appealId, ...event }) => event) };
    }
    /** Citizens see their own appeals, newest first; staff their agencies', nearest deadline first. */
    async list(actor, query) {
        const limit = query.limit ?? DEFAULT_PAGE;
        const scope = await this.listScope(actor, query.agencyId);
        if (scope === 'none')
            return { items: [], nextCursor: null };
        const sort = actor.role === 'citizen' ? 'newest' : 'deadline';
        const rows = await this.appeals.list({
            ...scope,
            status: query.status,
            type: query.type,
            overdueAt: query.overdue ? this.clock.now() : undefined,
            dueBefore: query.dueBefore,
            sort,
            after: query.cursor ? decodeCursor(query.cursor) : undefined,
            limit: limit + 1,
        });
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        const nextCursor = rows.length > limit && last
            ? encodeCursor({ value: new Date(sort === 'deadline' ? last.reviewDueAt : last.registeredAt).toISOString(), id: last.id })
            : null;
        return { items: page.map(appeal_presenter_1.toAppealDto), nextCursor };
    }
    /** The access check every case read and action starts with; invisible is the same as missing. */
    async loadVisible(actor, id) {
        const row = await this.appeals.findById(id);
        if (!row || !(0, access_policy_1.canSeeAppeal)(actor, row, await this.supervised(actor)))
            throw new domain_error_1.NotFoundError('APPEAL_NOT_FOUND', 'The appeal');
        return row;
    }
    async supervised(actor) {
        return actor.role === 'supervisor' && actor.agencyId ? this.agencies.subtree(actor.agencyId) : [];
    }
    async listScope(actor, agencyId) {
        if (actor.role === 'citizen')
            return { ownerUserId: actor.id, agencyIds: agencyId ? [agencyId] : undefined };
        if (actor.role === 'admin' || !actor.agencyId)
            return 'none';
        const visible = actor.role === 'supervisor' ? await this.supervised(actor) : [actor.agencyId];
        if (agencyId)
            return visible.includes(agencyId) ? { agencyIds: [agencyId] } : 'none';
        return { agencyIds: visible };
    }
    /** Decree No. 429 para 2.3: a confirmation notice, by e-mail where one was given. */
    async confirm(tx, row, input, agency) {
        const to = input.applicant.email;
        if (!to || row.anonymous)
            return;
        await this.notifications.appealRegistered(tx, row.id, to, {
            applicantName: input.applicant.fullName ?? input.applicant.organisationName ?? null,
            registrationNumber: row.registrationNumber,
            type: row.type,
            receivedOn: row.receivedOn,
            agencyName: agency.name,
            agencyNameEn: agency.nameEn,
            reviewDueDate: row.reviewDueDate,
            reviewTermWorkingDays: row.reviewTermWorkingDays,
        });
    }
};
exports.AppealsService = AppealsService;
exports.AppealsService = AppealsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [appeals_repository_1.AppealsRepository,
        appeal_events_repository_1.AppealEventsRepository,
        attachments_repository_1.AttachmentsRepository,
        agencies_service_1.AgenciesService,
        calendar_service_1.CalendarService,
        notifications_service_1.NotificationsService,
        idempotency_service_1.IdempotencyService,
        clock_1.Clock])
], AppealsService);
function partiesOf(input) {
    const parties = [{ ...input.applicant, role: 'applicant', position: 0 }];
    (input.coApplicants ?? []).forEach((party, index) => parties.push({ ...party, role: 'co_applicant', position: index + 1 }));
    if (input.representative) {
        parties.push({ ...input.representative, kind: 'natural', role: 'representative', position: 0 });
    }
    return parties;
}
function encodeCursor(position) {
    return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}
function decodeCursor(cursor) {
    try {
        const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (typeof value === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(value)) && /^[0-9a-f-]{36}$/.test(id)) {
            return { value, id };
        }
    }
    catch {
        // fall through to the error below
    }
    throw domain_error_1.DomainError.field('MALFORMED_REQUEST', 'cursor', 'The cursor is not one this API returned.');
}
//# sourceMappingURL=appeals.service.js.map