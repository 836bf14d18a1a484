import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor, isStaff } from '../auth/actor';
import { CalendarService } from '../calendar/calendar.service';
import { NotificationsService } from '../notifications/notifications.service';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { OutboxService } from '../platform/outbox/outbox.service';
import { Tx } from '../platform/database/db';
import { DomainError, NotFoundError, TooManyRequestsError } from '../platform/errors/domain-error';
import { decodeCursor, encodeCursor, UUID_ID } from '../platform/http/cursor';
import { IdempotencyService, StoredResponse } from '../platform/idempotency/idempotency.service';
import { AppealEventsRepository } from './appeal-events.repository';
import { toAppealDetail, toAppealDto } from './appeal.presenter';
import { AnswerRow, AppealRow, AppealsRepository, BesideFacts, LinkedCaseRow, ListPosition, PartyRow } from './appeals.repository';
import { AttachmentsRepository } from './attachments.repository';
import { IdentityAccessRepository } from './identity-access.repository';
import { IntakeQuotaRepository } from './intake-quota.repository';
import { canSeeAppeal, canSeeConfidentialContent, canSeeIdentity, mayListBeside } from './domain/access-policy';
import { UsersService } from '../users/users.service';
import { APPEAL_STATUSES, Regime } from './domain/appeal-types';
import { AppealEventPayloads, AppealEventType } from './domain/appeal-events';
import { intakeQuotaRetryAfterSeconds, intakeQuotaWindowStart } from './domain/intake-quota';
import { decideIntake } from './domain/intake-rules';
import { allowedActions, termOf } from './domain/case-actions';
import { isRepeatedEligible, TransitionName, WORKING_STATUSES } from './domain/lifecycle';
import { mailRecipients } from './domain/recipients';
import { initialReviewTerm, REFERRAL_TERM_WORKING_DAYS, totalWorkingDays } from './domain/review-term';
import {
  AppealCountsDto,
  AppealDetailDto,
  AppealDto,
  AppealEventListDto,
  AppealListDto,
  FollowUpCandidateListDto,
  IdentityAccessListDto,
  LinkedCaseView,
  SameMatterView,
} from './dto/appeal.dto';
import { portalApplicantEmail } from './domain/portal-account';
import { CreateAppealDto } from './dto/create-appeal.dto';

import { ListAppealsQuery } from './dto/list-appeals.query';
import { toInstant, toInstantOrNull } from '../platform/clock/instant';

/** The row shape other modules (the web pages) read through this service. */
export type { AnswerRow } from './appeals.repository';

const DEFAULT_PAGE = 50;
/** The newest openings of an identity the access log shows (appeals-rules.md 18). */
const ACCESS_LOG_PAGE = 500;
/** Event data, by event type, that names another case of the same applicant (follow-ups, appeals-rules.md 15). */
const APPLICANT_LINK_FIELDS: { readonly [K in AppealEventType]?: ReadonlyArray<keyof AppealEventPayloads[K]> } = {
  merged: ['intoAppealId', 'intoRegistrationNumber'],
  follow_up_merged: ['followUpId', 'followUpRegistrationNumber'],
  merge_released: ['fromAppealId'],
  answered: ['withAppealId'],
};

@Injectable()
export class AppealsService {
  constructor(
    private readonly appeals: AppealsRepository,
    private readonly events: AppealEventsRepository,
    private readonly attachments: AttachmentsRepository,
    private readonly quota: IntakeQuotaRepository,
    private readonly identityAccess: IdentityAccessRepository,
    private readonly users: UsersService,
    private readonly agencies: AgenciesService,
    private readonly calendar: CalendarService,
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Intake (Art. 3, 6; Decree No. 429 para 2.3): the appeal, its parties, its first audit event
   * and the confirmation mail's outbox row are written in one transaction, or nothing is.
   */
  async submit(actor: Actor, given: CreateAppealDto, idempotencyKey?: string): Promise<StoredResponse<AppealDto>> {
    // Issue 13: a citizen submits once their e-mail is proved, and only their own e-mail is mailed.
    const email = portalApplicantEmail(actor, given.applicant.email, this.config.requireEmailVerification);
    const representativeEmail = given.representative
      ? portalApplicantEmail(actor, given.representative.email, this.config.requireEmailVerification, 'representative.email')
      : undefined;
    const input: CreateAppealDto = {
      ...given,
      applicant: { ...given.applicant, email },
      ...(given.representative ? { representative: { ...given.representative, email: representativeEmail } } : {}),
    };
    const now = this.clock.now();
    const decision = decideIntake(input, { role: actor.role, actorAgencyId: actor.agencyId, today: bakuDateOf(now) });
    if (!(await this.agencies.exists(input.agencyId))) throw DomainError.field('APPEAL_UNKNOWN_AGENCY', 'agencyId', 'No such agency.');
    if (input.respondentAgencyId && !(await this.agencies.exists(input.respondentAgencyId))) {
      throw DomainError.field('APPEAL_UNKNOWN_AGENCY', 'respondentAgencyId', 'No such agency.');
    }
    if (input.respondentOfficialId) await this.assertStaffAccount(input.respondentOfficialId, 'respondentOfficialId');
    if (input.eServiceId && !(await this.appeals.eServiceExists(input.eServiceId))) {
      throw DomainError.field('VALIDATION_FAILED', 'eServiceId', 'No such e-service in the catalogue.');
    }
    // A receipt today keeps its real time (urgent appeals run 24 clock hours, Art. 10.4); an
    // earlier receipt is taken at the start of that Baku day, the earliest it can have been.
    const receivedAt = decision.receivedOn === bakuDateOf(now) ? now : new Date(`${decision.receivedOn}T00:00:00+04:00`);
    const deadlines = this.registrationDeadlines(decision.receivedOn, receivedAt, decision.regime);
    const year = Number(bakuDateOf(now).slice(0, 4));
    const sequence = await this.appeals.ensureRegistrationSequence(year);
    // appeals-rules.md 15: every appeal is registered as its own case with its own terms; merging a
    // follow-up is a staff decision (follow-up-candidates, merge), never made here.
    const recipients = decision.anonymous ? [] : mailRecipients(partiesOf(input));

    // Only portal intake is limited; a replay of an accepted key is answered before this runs.
    const limited = actor.role === 'citizen';
    return this.idempotency.run(
      actor.id,
      idempotencyKey,
      input,
      async (tx) => {
        if (limited) await this.assertIntakeQuota(tx, actor.id, now);
        const status = decision.anonymous ? 'left_without_consideration' : 'registered';
        const row = await this.appeals.insert(
          tx,
          {
            id: randomUUID(),
            type: input.type,
            // Art. 6.4: an anonymous paper appeal is recorded and left without consideration at once.
            status,
            closureGround: decision.anonymous ? 'form_defect' : null,
            agencyId: input.agencyId,
            subject: input.subject,
            text: input.text,
            channel: decision.channel,
            // appeals-rules.md 10: the applicant's regime is a request that applies at once.
            regime: decision.regime,
            answerChannel: decision.answerChannel,
            confidential: input.confidential ?? false,
            anonymous: decision.anonymous,
            collective: decision.collective,
            receivedOn: decision.receivedOn,
            reviewTermFrom: decision.receivedOn,
            registeredAt: now,
            ownerUserId: actor.role === 'citizen' ? actor.id : null,
            registeredBy: actor.id,
            respondentAgencyId: input.respondentAgencyId ?? null,
            eServiceId: input.eServiceId ?? null,
            respondentOfficial: input.respondentOfficial ?? null,
            respondentOfficialId: input.respondentOfficialId ?? null,
            parentAppealId: null,
            linkKind: null,
            referralDueDate: deadlines.referralDueDate,
            reviewDueDate: deadlines.reviewDueDate,
            reviewDueAt: deadlines.reviewDueAt,
            reviewTermWorkingDays: deadlines.reviewTermWorkingDays,
            deadlinesProvisional: deadlines.provisional,
            calendarVersion: deadlines.calendarVersion,
          },
          partiesOf(input),
          {
            actorRole: actor.role,
            data: {
              status,
              agencyId: input.agencyId,
              channel: decision.channel,
              receivedOn: decision.receivedOn,
              referralDueDate: deadlines.referralDueDate,
              reviewDueDate: deadlines.reviewDueDate,
              calendarVersion: deadlines.calendarVersion,
              regime: decision.regime,
              answerChannel: decision.answerChannel,
              ...(decision.anonymous ? { closureGround: 'form_defect' } : {}),
            },
          },
          // Decree No. 429 para 2.3: a confirmation notice by e-mail where one was given (the
          // applicant's, and the representative's).
          recipients.length > 0 ? { ...NotificationsService.APPEAL_REGISTERED, recipients } : null,
          year,
          sequence,
        );
        this.outbox.handOff(tx, row.outbox);
        return { statusCode: 201, body: toAppealDto(row, !canSeeIdentity(actor, row, [])) };
      },
      { transaction: limited },
    );
  }

  /** APPEALS_PER_CITIZEN_PER_DAY in any 24 hours (domain/intake-quota.ts); 429 with Retry-After above it. */
  private async assertIntakeQuota(tx: Tx, userId: string, now: Date): Promise<void> {
    const limit = this.config.appealsPerCitizenPerDay;
    await this.quota.lock(tx, userId);
    const retryAfter = intakeQuotaRetryAfterSeconds(
      await this.quota.limitThNewestSince(tx, userId, intakeQuotaWindowStart(now), limit),
      now,
    );
    if (retryAfter !== null) {
      throw new TooManyRequestsError(
        `At most ${limit} appeals may be submitted through the portal in 24 hours; try again in ${retryAfter} s.`,
        retryAfter,
      );
    }
  }

  async get(actor: Actor, id: string): Promise<AppealDetailDto> {
    const row = await this.loadVisible(actor, id);
    const [parties, attachments, events, supervised, linkedCases] = await Promise.all([
      this.appeals.partiesOf(id),
      this.attachments.listMeta(id),
      this.events.list(id),
      this.supervisedBy(actor),
      this.appeals.linkedCases(id),
    ]);
    const identityVisible = canSeeIdentity(actor, row, supervised);
    // Art. 8.1.4: staff who may know who the applicant is see the applicant's earlier appeals here;
    // a confidential one only if they may see its identity too (appeals-rules.md 18).
    const sameMatter =
      actor.role !== 'citizen' && identityVisible
        ? await this.sameMatter(row, (item) => mayListBeside(actor, item, supervised))
        : undefined;
    // appeals-rules.md 18: every opening of an identity by staff is logged for the supervisors.
    if (identityVisible && isStaff(actor)) await this.identityAccess.record(id, actor.id, actor.role, this.clock.now());
    const today = bakuDateOf(this.clock.now());
    const workingTerm = row.reviewTermWorkingDays !== null;
    const termLedger = workingTerm ? this.calendar.ledger(row.reviewTermFrom, row.reviewDueDate, today) : null;
    const answer = row.status === 'answered' ? await this.appeals.findAnswer(id) : undefined;
    return toAppealDetail({
      row,
      parties,
      attachments,
      identityVisible,
      contentVisible: canSeeConfidentialContent(actor, row, supervised),
      // appeals-rules.md 18: a follow-up link ties the applicant's cases together, so it is for those
      // who may see the identity; a referral or copy is this same appeal at another agency. A
      // confidential linked case only for those who may see its identity.
      linkedCases: linkedCases
        .filter((c) => (identityVisible || c.linkKind !== 'follow_up') && mayListBeside(actor, c, supervised))
        .map(toLinkedCaseView),
      sameMatter,
      answer,
      history: events.map((e) => ({ seq: e.seq, type: e.type, occurredAt: e.occurredAt })),
      deadlines: {
        referral: { dueDate: row.referralDueDate },
        review: {
          dueDate: row.reviewDueDate,
          dueAt: toInstant(row.reviewDueAt),
          // appeals-rules.md 9: the working days the due date is counted on (30 + 5 = 35).
          workingDays: totalWorkingDays(termOf(row)),
          workingDaysUsed: termLedger?.workingDaysUsed ?? null,
          workingDaysLeft: termLedger?.workingDaysLeft ?? null,
        },
        provisional: row.deadlinesProvisional,
        calendarVersion: row.calendarVersion,
      },
    });
  }

  /** The reasoned answer (Art. 7.5) of a case the caller may see; undefined until it is answered. */
  async answerOf(actor: Actor, id: string): Promise<AnswerRow | undefined> {
    await this.loadVisible(actor, id);
    return this.appeals.findAnswer(id);
  }

  /**
   * The audit trail. Who may not know the applicant (appeals-rules.md 18) sees neither the
   * applicant's user id as an actor nor the follow-up links to the applicant's other cases.
   */
  async listEvents(actor: Actor, id: string): Promise<AppealEventListDto> {
    const row = await this.loadVisible(actor, id);
    const hidden = !canSeeIdentity(actor, row, await this.supervisedBy(actor));
    const items = (await this.events.list(id)).map(({ appealId: _appealId, ...event }) => {
      if (!hidden) return event;
      const data = { ...(event.data as Record<string, unknown>) };
      for (const field of APPLICANT_LINK_FIELDS[event.type] ?? []) delete data[field];
      return { ...event, actorId: row.ownerUserId !== null && event.actorId === row.ownerUserId ? null : event.actorId, data };
    });
    return { items };
  }

  /** appeals-rules.md 18: who opened the applicant's identity, newest first; supervisors above the agency only. */
  async identityAccessLog(actor: Actor, id: string): Promise<IdentityAccessListDto> {
    await this.loadVisible(actor, id);
    if (actor.role !== 'supervisor') throw new DomainError('FORBIDDEN', 'The identity access log is for the supervisors above the agency.');
    const rows = await this.identityAccess.list(id, ACCESS_LOG_PAGE);
    return { items: rows.map((r) => ({ userId: r.userId, userName: r.userName, role: r.role, at: toInstant(r.at) })) };
  }

  /** Whether the caller may not know who the applicant is (appeals-rules.md 18): AppealDto.identityHidden. */
  async identityHidden(actor: Actor, row: AppealRow): Promise<boolean> {
    return !canSeeIdentity(actor, row, await this.supervisedBy(actor));
  }

  /** Citizens see their own appeals, newest first; staff their agencies', nearest deadline first. */
  async list(actor: Actor, query: ListAppealsQuery): Promise<AppealListDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const scope = await this.listScope(actor, query.agencyId);
    if (scope === 'none') return { items: [], nextCursor: null };
    const sort = actor.role === 'citizen' ? 'newest' : 'deadline';
    const staff = isStaff(actor);
    const rows = await this.appeals.list({
      ...scope,
      // AOC 594-1.1.2: never the complaints about the caller; appeals-rules.md 16: a confidential
      // text's words match only for those who may read it (supervisors read all of their agencies').
      hiddenFromRespondent: staff ? actor.id : undefined,
      confidentialWordsOnlyFor: staff && actor.role !== 'supervisor' ? actor.id : undefined,
      status: query.status,
      type: query.type,
      overdueAt: query.overdue ? this.clock.now() : undefined,
      dueBefore: query.dueBefore,
      executorId: query.assignee === 'me' ? actor.id : query.assignee,
      q: query.q,
      sort,
      after: query.cursor ? decodeListCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last ? encodeCursor({ at: sort === 'deadline' ? last.reviewDueAt : last.registeredAt, id: last.id }) : null;
    const supervised = await this.supervisedBy(actor);
    return { items: page.map((row) => toAppealDto(row, !canSeeIdentity(actor, row, supervised))), nextCursor };
  }

  /** The caseload of the caller's agencies (or one of them) by status, with the overdue count. */
  async counts(actor: Actor, agencyId?: string): Promise<AppealCountsDto> {
    const scope = await this.listScope(actor, agencyId);
    if (scope === 'none' || !scope.agencyIds) throw new DomainError('FORBIDDEN', 'Counts are for staff of an agency.');
    const counted = await this.appeals.countByStatus(scope.agencyIds, this.clock.now(), actor.id);
    const byStatus = Object.fromEntries(
      APPEAL_STATUSES.map((status) => [status, counted.byStatus[status] ?? 0]),
    ) as AppealCountsDto['byStatus'];
    return { agencyIds: scope.agencyIds, byStatus, overdue: counted.overdue };
  }

  /**
   * Art. 8.1.4: the applicant's earlier appeals to this agency on a similar matter, how many were
   * answered on the merits within the year, and whether the `repeated` ground is open.
   */
  async sameMatter(row: AppealRow, listed: (item: BesideFacts) => boolean = () => true): Promise<SameMatterView> {
    const found = await this.appeals.earlierSimilar(row, this.config.sameMatterSimilarity, 20);
    return {
      // The count is the law's (every appeal counts); the list only what the caller may see beside this one.
      earlier: found.items.filter(listed).map((item) => ({
        id: item.id,
        registrationNumber: item.registrationNumber,
        receivedOn: item.receivedOn,
        status: item.status,
        answeredAt: toInstantOrNull(item.answeredAt),
        similarity: item.similarity,
      })),
      answeredOnMeritsLastYear: found.answeredOnMeritsLastYear,
      repeatedGroundAvailable: isRepeatedEligible(found.answeredOnMeritsLastYear),
    };
  }

  /**
   * appeals-rules.md 15: the open appeals of the same applicant at the same agency this one may be
   * merged into, most similar first. Only for staff who may see who the applicant is: the list
   * ties the applicant's cases together.
   */
  async followUpCandidates(actor: Actor, id: string): Promise<FollowUpCandidateListDto> {
    const row = await this.loadIdentityVisible(actor, id);
    if (row.mergedInto || !WORKING_STATUSES.includes(row.status)) return { items: [] };
    const supervised = await this.supervisedBy(actor);
    const found = await this.appeals.followUpCandidates(row, this.config.sameMatterSimilarity, 20);
    // Only appeals whose applicant the caller may see too: the list must not lead to a confidential case's identity.
    return {
      items: found
        .filter((c) => canSeeIdentity(actor, c, supervised))
        .map(({ id: candidateId, registrationNumber, similarity, receivedOn, reviewDueDate }) => ({
          id: candidateId,
          registrationNumber,
          similarity,
          receivedOn,
          reviewDueDate,
        })),
    };
  }

  /**
   * What the caller may do to the case now (case-actions.ts: the transition table and the term
   * rules, the same the actions check), for the pages. Merging is for those who may see the
   * identity, on a case not merged already.
   */
  async actionsFor(actor: Actor, id: string): Promise<TransitionName[]> {
    const row = await this.loadVisible(actor, id);
    const identity = actor.role !== 'citizen' && canSeeIdentity(actor, row, await this.supervisedBy(actor));
    return allowedActions(actor.role, row, this.clock.now()).filter((name) => name !== 'merge' || (identity && !row.mergedInto));
  }

  /**
   * A case whose applicant's identity the caller may see: staff of the case (404 otherwise) who may
   * know who the applicant is (403 otherwise). Follow-ups and merges tie an applicant's cases
   * together, so they are for them only (appeals-rules.md 15, 18).
   */
  async loadIdentityVisible(actor: Actor, id: string): Promise<AppealRow> {
    const row = await this.loadVisible(actor, id);
    if (actor.role === 'citizen' || !canSeeIdentity(actor, row, await this.supervisedBy(actor))) {
      throw new DomainError('FORBIDDEN', "Only staff who may see the applicant's identity see and merge follow-ups.");
    }
    return row;
  }

  /**
   * Deadlines given at registration (appeals-rules.md 7, 10, 11): referral in 3 working days; review
   * in 15 (military appeals too, Art. 10.3), or 24 clock hours for urgent ones (Art. 10.4). Also
   * for a case registered at a receiving agency after a referral: its terms run from its receipt.
   */
  registrationDeadlines(receivedOn: string, receivedAt: Date, regime: Regime) {
    const term = initialReviewTerm(regime, receivedOn);
    const referral = this.calendar.termEnd(receivedOn, REFERRAL_TERM_WORKING_DAYS);
    const review =
      term.workingDays === null
        ? { ...this.calendar.urgentEnd(receivedAt), provisional: referral.provisional }
        : this.calendar.termEnd(term.from, term.workingDays);
    return {
      referralDueDate: referral.dueDate,
      reviewDueDate: review.dueDate,
      reviewDueAt: review.dueAt,
      reviewTermWorkingDays: term.workingDays,
      provisional: review.provisional,
      calendarVersion: review.calendarVersion,
    };
  }

  /** The access check every case read and action starts with; invisible is the same as missing. */
  async loadVisible(actor: Actor, id: string): Promise<AppealRow> {
    const row = await this.appeals.findById(id);
    if (!row || !canSeeAppeal(actor, row, await this.supervisedBy(actor))) throw new NotFoundError('APPEAL_NOT_FOUND', 'The appeal');
    return row;
  }

  /** AOC 594-1.1.2: the official complained about is a staff account (registrar, official, supervisor). */
  async assertStaffAccount(userId: string, field: string): Promise<void> {
    const user = await this.users.findAccount(userId);
    if (!user || !isStaff({ id: user.id, role: user.role, agencyId: user.agencyId })) {
      throw DomainError.field('VALIDATION_FAILED', field, 'No staff account has this id.');
    }
  }

  /** The agencies a supervisor oversees: their agency's subtree; nobody else oversees any. */
  async supervisedBy(actor: Actor): Promise<string[]> {
    return actor.role === 'supervisor' && actor.agencyId ? this.agencies.subtree(actor.agencyId) : [];
  }

  private async listScope(actor: Actor, agencyId?: string): Promise<{ ownerUserId?: string; agencyIds?: string[] } | 'none'> {
    if (actor.role === 'citizen') return { ownerUserId: actor.id, agencyIds: agencyId ? [agencyId] : undefined };
    if (actor.role === 'admin' || !actor.agencyId) return 'none';
    const visible = actor.role === 'supervisor' ? await this.supervisedBy(actor) : [actor.agencyId];
    if (agencyId) return visible.includes(agencyId) ? { agencyIds: [agencyId] } : 'none';
    return { agencyIds: visible };
  }
}

/** A linked case as shown, without the access facts the policy read. */
function toLinkedCaseView(c: LinkedCaseRow): LinkedCaseView {
  return {
    id: c.id,
    registrationNumber: c.registrationNumber,
    agencyId: c.agencyId,
    status: c.status,
    linkKind: c.linkKind,
    relation: c.relation,
  };
}

function partiesOf(input: CreateAppealDto): PartyRow[] {
  const parties: PartyRow[] = [{ ...input.applicant, role: 'applicant', position: 0 }];
  (input.coApplicants ?? []).forEach((party, index) => parties.push({ ...party, role: 'co_applicant', position: index + 1 }));
  if (input.representative) {
    parties.push({ ...input.representative, kind: 'natural', role: 'representative', position: 0 });
  }
  return parties;
}

function decodeListCursor(cursor: string): ListPosition {
  const { at, id } = decodeCursor(cursor, UUID_ID);
  return { value: at, id };
}
