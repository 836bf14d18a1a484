import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { EXECUTOR_ROLES } from '../appeals/domain/inbox';
import { TRANSITIONS } from '../appeals/domain/lifecycle';
import { BulkAssignmentDto, BulkReferralDto, BulkResultDto, InboxQuery } from '../appeals/dto/inbox.dto';
import { VersionedDto } from '../appeals/dto/actions.dto';
import { InboxPage, InboxService } from '../appeals/inbox.service';
import { Actor } from '../auth/actor';
import { DomainError } from '../platform/errors/domain-error';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { UsersService } from '../users/users.service';
import { SafeHtml } from './html';
import { FormState, PageContext } from './layout';
import { PageFor, Viewer } from './page-access';
import { INBOX_FILTER_FIELDS, InboxFilterValues, inboxPage, InboxView } from './pages/inbox.view';
import { list, optional, text, urlencoded, validated } from './web-forms';
import { WebCases } from './web-cases';
import { WebController } from './web-controller';
import { FormFields } from './web-http';
import { attempt, WebPages } from './web-pages';

/** The filters the bulk form carries back (a hidden field), so the list after an action is the one acted on. */
const FILTERS_FIELD = 'filters';

/**
 * The officials' inbox (issue 15) at /office: the agency's cases (a supervisor's: the agencies they
 * oversee) through InboxService, "assign to me" per case and the bulk actions, each case through
 * its single action's service. The pages' guard checks the session, the role and the CSRF token.
 */
@WebController('office')
@PageFor('registrar', 'official', 'supervisor')
export class OfficeInboxPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly inbox: InboxService,
    private readonly cases: WebCases,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
  ) {}

  @Get()
  async list(
    @Query() raw: Record<string, string | string[] | undefined>,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const filter = filterValues((name) => first(raw[name]));
    const position = { after: optional(first(raw.after)), before: optional(first(raw.before)) };
    this.pages.send(reply, await this.render(ctx, actor, filter, position));
  }

  /**
   * "Assign to me": an official takes an unassigned case (`take`), a supervisor assigns it to
   * themselves; either is the single action with its guards, transaction and audit event.
   */
  @Post('inbox/:id/take')
  async take(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const filter = carriedFilters(fields);
    const result = await attempt(ctx.texts, 'bulk', {}, async () => {
      const { version } = await validated(VersionedDto, { version: text(fields, 'takeVersion') });
      return this.inbox.assignToMe(actor, id, version);
    });
    if (!result.ok) return this.pages.send(reply, await this.render(ctx, actor, filter, {}, { bulkState: result.state }), result.status);
    const notice = ctx.texts.msg('inbox.took', { number: result.value.registrationNumber });
    this.pages.send(reply, await this.render(ctx, actor, filter, {}, { notice }));
  }

  /**
   * Bulk assignment or referral of the ticked cases: each case its own transaction with its audit
   * event and guards (InboxService), on the version this page showed; the page lists every outcome.
   */
  @Post('inbox/bulk')
  async bulk(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const filter = carriedFilters(fields);
    const op = text(fields, 'op') === 'assign' ? 'assign' : 'refer';
    const appealIds = list(fields, 'appealId');
    const values = { executorId: text(fields, 'executorId'), toAgencyId: text(fields, 'toAgencyId'), note: text(fields, 'note') };
    const result = await attempt(ctx.texts, 'bulk', values, async (): Promise<BulkResultDto> => {
      if (appealIds.length === 0) throw new DomainError('VALIDATION_FAILED', ctx.texts.msg('inbox.noneSelected'));
      const versions = versionsOf(fields, appealIds);
      return op === 'assign'
        ? this.inbox.bulkAssign(actor, await validated(BulkAssignmentDto, { appealIds, executorId: values.executorId }), versions)
        : this.inbox.bulkRefer(
            actor,
            await validated(BulkReferralDto, { appealIds, toAgencyId: values.toAgencyId, note: optional(values.note) }),
            versions,
          );
    });
    if (!result.ok) return this.pages.send(reply, await this.render(ctx, actor, filter, {}, { bulkState: result.state }), result.status);
    this.pages.send(reply, await this.render(ctx, actor, filter, {}, { results: { action: op, result: result.value } }));
  }

  private async render(
    ctx: PageContext,
    actor: Actor,
    filter: InboxFilterValues,
    position: { after?: string; before?: string },
    extra: Pick<InboxView, 'results' | 'bulkState' | 'notice'> = {},
  ): Promise<SafeHtml> {
    const listed = await attempt(ctx.texts, 'filter', { ...filter }, async () =>
      this.inbox.list(actor, await validated(InboxQuery, { ...withoutBlanks(filter), ...withoutBlanks(position) })),
    );
    const [agencyName, agencies, staff] = await Promise.all([
      this.cases.agencyNames(),
      this.agencies.list(),
      actor.agencyId ? this.users.listStaffOfAgencies([actor.agencyId], [...EXECUTOR_ROLES]) : [],
    ]);
    const page: InboxPage = listed.ok
      ? listed.value
      : { items: [], counts: { all: 0, mine: 0, unassigned: 0, overdue: 0, week: 0 }, prevCursor: null, nextCursor: null, agencyIds: [] };
    const names = new Map(staff.map((u) => [u.id, u.fullName]));
    const executors = staff.filter((u) => u.active).map((u) => ({ value: u.id, label: u.fullName }));
    return inboxPage(ctx, {
      filter,
      filterState: listed.ok ? undefined : withFilterValues(listed.state, filter),
      page,
      agencyName,
      // Names of the viewer's own agency's staff; a sub-agency's executor shows as assigned, unnamed.
      executorName: (id) => (id ? names.get(id) : undefined),
      workingDaysLeft: (appeal) => this.cases.workingDaysLeft(appeal),
      now: this.cases.now(),
      executors,
      referralTargets: agencies.filter((a) => a.id !== actor.agencyId).map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` })),
      mayAssign: TRANSITIONS.assign.actors.includes(actor.role),
      filtersQuery: filtersQuery(filter),
      ...extra,
    });
  }
}

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

function filterValues(read: (name: string) => string): InboxFilterValues {
  const values: Partial<Record<(typeof INBOX_FILTER_FIELDS)[number], string>> = {};
  for (const name of INBOX_FILTER_FIELDS) {
    const value = optional(read(name));
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** The list's filters as the bulk form carried them (a query string; only the inbox's own fields). */
function carriedFilters(fields: FormFields): InboxFilterValues {
  const carried = new URLSearchParams(text(fields, FILTERS_FIELD).slice(0, 2000));
  return filterValues((name) => (carried.get(name) ?? '').trim());
}

function filtersQuery(filter: InboxFilterValues): string {
  return new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string')).toString();
}

/** The version of each ticked case the page showed (`version.<id>`); a missing or odd one: the case's current. */
function versionsOf(fields: FormFields, ids: readonly string[]): Record<string, number> {
  const versions: Record<string, number> = {};
  for (const id of ids) {
    const value = Number(text(fields, `version.${id}`));
    if (Number.isSafeInteger(value) && value >= 1) versions[id] = value;
  }
  return versions;
}

function withoutBlanks(values: object): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

function withFilterValues(state: FormState, filter: InboxFilterValues): FormState {
  return { ...state, values: { ...filter } };
}
