import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { toInstant } from '../platform/clock/instant';
import { DomainError } from '../platform/errors/domain-error';
import { ERROR_CODES } from '../platform/errors/error-codes';
import { decodeCursor, encodeCursor, UUID_ID } from '../platform/http/cursor';
import { AppealActionsService } from './appeal-actions.service';
import { toAppealDto } from './appeal.presenter';
import { AppealsService } from './appeals.service';
import { canSeeIdentity } from './domain/access-policy';
import { mayTakeCase, takeActionFor, weekEnd } from './domain/inbox';
import { AppealDto } from './dto/appeal.dto';
import { BulkAssignmentDto, BulkCaseResultView, BulkReferralDto, BulkResultDto, InboxQuery } from './dto/inbox.dto';
import { InboxCounts, InboxRepository } from './inbox.repository';
import { InboxFilterParams, InboxViewParams } from './queries/inbox.queries';

export type { InboxCounts } from './inbox.repository';

const DEFAULT_PAGE = 50;

/** A listed case, and whether the viewer may take it ("assign to me", domain/inbox.ts). */
export interface InboxItem {
  readonly appeal: AppealDto;
  readonly mayTake: boolean;
}

export interface InboxPage {
  readonly items: InboxItem[];
  /** Each tab's count under the other filters (status, type, channel, words). */
  readonly counts: InboxCounts;
  readonly prevCursor: string | null;
  readonly nextCursor: string | null;
  /** The agencies the list covers: the viewer's own, or the ones a supervisor oversees. */
  readonly agencyIds: readonly string[];
}

/**
 * The officials' working list (issue 15): the cases of the viewer's agency (a supervisor: the
 * agencies they oversee), filtered, nearest due first, in keyset pages either way, with each tab's
 * count; and bulk assignment and referral, where every case goes through the single action's
 * service (its access check, the law's guards, its own transaction and audit event) and its
 * outcome is reported case by case.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly appeals: AppealsService,
    private readonly actions: AppealActionsService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: InboxQuery): Promise<InboxPage> {
    const agencyIds = await this.scope(actor);
    const now = this.clock.now();
    const today = bakuDateOf(now);
    const limit = query.limit ?? DEFAULT_PAGE;
    const base: InboxFilterParams = {
      agencyIds,
      oneAgencyId: agencyIds.length === 1 ? agencyIds[0] : null,
      viewerId: actor.id,
      status: query.status ?? null,
      type: query.type ?? null,
      channel: query.channel ?? null,
      q: query.q ?? null,
      // appeals-rules.md 16: supervisors read every text of their agencies; others only what they handle.
      confidentialWordsHidden: actor.role !== 'supervisor',
    };
    const view: InboxViewParams = {
      executorId: query.assignee === 'me' ? actor.id : query.assignee && query.assignee !== 'none' ? query.assignee : null,
      unassigned: query.assignee === 'none',
      overdueAt: query.due === 'overdue' ? toInstant(now) : null,
      dueFrom: query.due === 'week' ? today : null,
      dueTo: query.due === 'week' ? weekEnd(today) : null,
    };
    const backward = !query.after && query.before !== undefined;
    const position = query.after ?? query.before;
    const at = position ? decodeCursor(position, UUID_ID) : undefined;
    const [rows, counts, supervised] = await Promise.all([
      this.inbox.page({ ...base, ...view, at: at?.at ?? null, id: at?.id ?? null, limit: limit + 1 }, backward),
      this.inbox.counts({ ...base, now: toInstant(now), today, weekEnd: weekEnd(today) }),
      this.appeals.supervisedBy(actor),
    ]);
    // One row past the page says whether there is more in the direction read; the position we
    // came from says there is something on its other side.
    const more = rows.length > limit;
    const page = backward ? rows.slice(rows.length - Math.min(rows.length, limit)) : rows.slice(0, limit);
    const cursorOf = (row: (typeof page)[number] | undefined) => (row ? encodeCursor({ at: row.reviewDueAt, id: row.id }) : null);
    const hasPrev = backward ? more : position !== undefined;
    const hasNext = backward ? true : more;
    return {
      items: page.map((row) => ({
        appeal: toAppealDto(row, !canSeeIdentity(actor, row, supervised)),
        mayTake: mayTakeCase(actor, row, now),
      })),
      counts,
      prevCursor: hasPrev && page.length > 0 ? cursorOf(page[0]) : null,
      nextCursor: hasNext && page.length > 0 ? cursorOf(page[page.length - 1]) : null,
      agencyIds,
    };
  }

  /**
   * "Assign to me", on the version the viewer saw: an official takes an unassigned case (`take`);
   * a supervisor assigns it to themselves (`assign`). Either is the single action with its guards.
   */
  assignToMe(actor: Actor, id: string, version: number): Promise<AppealDto> {
    return takeActionFor(actor.role) === 'take'
      ? this.actions.take(actor, id, { version })
      : this.actions.assign(actor, id, { executorId: actor.id, version });
  }

  /**
   * Each case to one executor (appeals-rules.md 16), one transaction per case. `versions`: the
   * version of each case the caller saw (the page's), so a case changed meanwhile is refused (409)
   * rather than acted on unseen; without one, the case's current version.
   */
  bulkAssign(actor: Actor, input: BulkAssignmentDto, versions: Readonly<Record<string, number>> = {}): Promise<BulkResultDto> {
    return this.each(actor, input.appealIds, versions, (id, version) =>
      this.actions.assign(actor, id, { executorId: input.executorId, version }),
    );
  }

  /** Art. 7.10: each case to the competent agency (never the one complained about), one transaction per case. */
  bulkRefer(actor: Actor, input: BulkReferralDto, versions: Readonly<Record<string, number>> = {}): Promise<BulkResultDto> {
    return this.each(actor, input.appealIds, versions, (id, version) =>
      this.actions.refer(actor, id, { toAgencyId: input.toAgencyId, note: input.note, version }),
    );
  }

  /**
   * One case after another (not in parallel: a bulk action must not take every connection of the
   * pool), each through the single action's service. A refusal is that case's outcome, with the
   * code and detail the single action would answer; a case the caller may not see is refused as
   * not found, with nothing of it shown. Anything other than a domain refusal stops the run.
   */
  private async each(
    actor: Actor,
    ids: readonly string[],
    versions: Readonly<Record<string, number>>,
    act: (id: string, version: number) => Promise<AppealDto>,
  ): Promise<BulkResultDto> {
    await this.scope(actor);
    const items: BulkCaseResultView[] = [];
    for (const id of ids) {
      let registrationNumber: string | null = null;
      try {
        const row = await this.appeals.loadVisible(actor, id);
        registrationNumber = row.registrationNumber;
        const done = await act(id, versions[id] ?? row.version);
        items.push({ appealId: id, outcome: 'done', registrationNumber, version: done.version, code: null, detail: null });
      } catch (error) {
        if (!(error instanceof DomainError) || ERROR_CODES[error.code] >= 500) throw error;
        items.push({ appealId: id, outcome: 'refused', registrationNumber, version: null, code: error.code, detail: error.message });
      }
    }
    const done = items.filter((i) => i.outcome === 'done').length;
    return { items, done, refused: items.length - done };
  }

  /** The agencies the inbox covers; only staff of an agency have one. */
  private async scope(actor: Actor): Promise<string[]> {
    if (!['registrar', 'official', 'supervisor'].includes(actor.role) || !actor.agencyId) {
      throw new DomainError('FORBIDDEN', 'The inbox is for staff of an agency.');
    }
    return actor.role === 'supervisor' ? this.appeals.supervisedBy(actor) : [actor.agencyId];
  }
}
