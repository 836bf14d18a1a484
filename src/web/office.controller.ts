import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { AnswerTemplatesService } from '../appeals/answer-templates.service';
import { AppealActionsService, TermChange } from '../appeals/appeal-actions.service';
import { AttachmentsService } from '../appeals/attachments.service';
import { REGIMES } from '../appeals/domain/appeal-types';
import { leaveGroundsFor } from '../appeals/domain/lifecycle';
import { MAX_EXTENSION_WORKING_DAYS } from '../appeals/domain/review-term';
import {
  AnswerDto,
  AssignDto,
  CopiesDto,
  ExtensionDto,
  LeaveWithoutConsiderationDto,
  MergeDto,
  NoteDto,
  ReasonDto,
  ReferralDto,
  RegimeDto,
} from '../appeals/dto/actions.dto';
import { FollowUpCandidateView } from '../appeals/dto/appeal.dto';
import { Actor, STAFF_ROLES } from '../auth/actor';
import { Public } from '../auth/auth.decorators';
import { NotFoundError } from '../platform/errors/domain-error';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { UsersService } from '../users/users.service';
import { SafeHtml } from './html';
import { FormState, PageContext } from './layout';
import { ACTION_PATHS, CasePage, casePage, StaffAction } from './pages/case.view';
import { WebCaseHistory } from './web-case-history';
import { WebCases } from './web-cases';
import { list, MultipartForm, optional, readMultipart, text, urlencoded, validated } from './web-forms';
import { FormFields } from './web-http';
import { attempt, CsrfGuard, WebExceptionFilter, WebPages } from './web-pages';

interface ActionForm<T extends object> {
  /** The API's DTO class; the form is validated with its rules. */
  readonly dto: new () => T;
  readonly body: (f: FormFields) => object;
  readonly run: (service: AppealActionsService, actor: Actor, id: string, dto: T) => Promise<unknown>;
}

const action = <T extends object>(form: ActionForm<T>): ActionForm<object> => form as unknown as ActionForm<object>;
const version = (f: FormFields) => ({ version: text(f, 'version') });

/** Each case action of the page: how its form becomes the API's DTO, and the service call (its URL: ACTION_PATHS). */
const ACTIONS: Record<StaffAction, ActionForm<object>> = {
  assign: action({
    dto: AssignDto,
    body: (f) => ({ executorId: text(f, 'executorId'), ...version(f) }),
    run: (s, a, id, d) => s.assign(a, id, d),
  }),
  refer: action({
    dto: ReferralDto,
    body: (f) => ({ toAgencyId: text(f, 'toAgencyId'), note: optional(text(f, 'note')), ...version(f) }),
    run: (s, a, id, d) => s.refer(a, id, d),
  }),
  copy: action({
    dto: CopiesDto,
    body: (f) => ({ agencyIds: list(f, 'agencyIds'), note: optional(text(f, 'note')), ...version(f) }),
    run: (s, a, id, d) => s.copy(a, id, d),
  }),
  additionalStudy: action({
    dto: ReasonDto,
    body: (f) => ({ reason: text(f, 'reason'), ...version(f) }),
    run: (s, a, id, d) => s.additionalStudy(a, id, d),
  }),
  extend: action({
    dto: ExtensionDto,
    body: (f) => ({ workingDays: text(f, 'workingDays'), reason: text(f, 'reason'), ...version(f) }),
    run: (s, a, id, d) => s.extend(a, id, d),
  }),
  answer: action({
    dto: AnswerDto,
    body: (f) => ({
      text: text(f, 'text'),
      position: optional(text(f, 'position')),
      channel: optional(text(f, 'channel')),
      dispatchedOn: optional(text(f, 'dispatchedOn')),
      ...version(f),
    }),
    run: (s, a, id, d) => s.answer(a, id, d),
  }),
  leaveWithoutConsideration: action({
    dto: LeaveWithoutConsiderationDto,
    body: (f) => ({ ground: text(f, 'ground'), note: text(f, 'note'), ...version(f) }),
    run: (s, a, id, d) => s.leaveWithoutConsideration(a, id, d),
  }),
  reopen: action({
    dto: NoteDto,
    body: (f) => ({ note: text(f, 'note'), ...version(f) }),
    run: (s, a, id, d) => s.reopen(a, id, d),
  }),
  changeRegime: action({
    dto: RegimeDto,
    body: (f) => ({ regime: text(f, 'regime'), reason: text(f, 'reason'), ...version(f) }),
    run: (s, a, id, d) => s.changeRegime(a, id, d),
  }),
  merge: action({
    dto: MergeDto,
    body: (f) => ({ intoAppealId: text(f, 'intoAppealId'), ...version(f) }),
    run: (s, a, id, d) => s.merge(a, id, d),
  }),
};

/** The extension's days chosen for the preview: the API's rule for them (Art. 10.2: 1 to 30). */
class ExtensionDaysQuery {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_EXTENSION_WORKING_DAYS)
  extendDays: number;
}

/** The answer template chosen on the answer form. */
class TemplateChoice {
  @IsUUID()
  template: string;
}

/** What the case page was asked to show besides the case: a notice, an extension preview, a template. */
interface CaseQuery {
  readonly done?: string;
  readonly extendDays?: string;
  readonly template?: string;
}

/**
 * Agency staff: the case page (the inbox is office-inbox.controller.ts), which offers only the actions the
 * rules allow this viewer now (case-actions.ts, as the services check them), each term change with
 * the due date it would give before it is confirmed, the agency's answer templates, the documents.
 */
@ApiExcludeController()
@Public()
@UseGuards(CsrfGuard)
@UseFilters(WebExceptionFilter)
@Controller('office')
export class OfficePagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly cases: WebCases,
    private readonly history: WebCaseHistory,
    private readonly actions: AppealActionsService,
    private readonly attachments: AttachmentsService,
    private readonly templates: AnswerTemplatesService,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
  ) {}

  @Get('appeals/:id')
  async casePage(
    @Param('id', IdParamPipe) id: string,
    @Query() query: Record<string, string | undefined>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.pages.require(request, STAFF_ROLES);
    const ctx = this.pages.context(request, reply);
    this.pages.send(reply, await this.render(ctx, id, { done: query.done, extendDays: query.extendDays, template: query.template }));
  }

  /**
   * Answer documents (appeals-rules.md 3, 16) through AttachmentsService, as the API's upload: the
   * access check and the case's state before the body is read, then its limits, type sniffing and
   * one transaction with the audit event. The form's CSRF token is checked before any file is read.
   */
  @Post('appeals/:id/attachments')
  @MultipartForm()
  async upload(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, STAFF_ROLES);
    const ctx = this.pages.context(request, reply);
    const limits = await this.attachments.uploadLimits(actor, id);
    let form: Awaited<ReturnType<typeof readMultipart>> | undefined;
    try {
      const result = await attempt(ctx.texts, 'attachments', {}, async () => {
        form = await readMultipart(request, this.pages.session, limits);
        return this.attachments.add(actor, id, form.files);
      });
      if (!result.ok) return this.pages.send(reply, await this.render(ctx, id, {}, result.state), result.status);
      this.pages.redirect(reply, `/office/appeals/${id}?done=attachments#files`);
    } finally {
      await form?.discard();
    }
  }

  /** One route for every action form; the service decides (access, lifecycle, the law's guards, version). */
  @Post('appeals/:id/:action')
  async act(
    @Param('id', IdParamPipe) id: string,
    @Param('action') path: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const actor = this.pages.require(request, STAFF_ROLES);
    const name = (Object.keys(ACTION_PATHS) as StaffAction[]).find((key) => ACTION_PATHS[key] === path);
    if (!name) throw new NotFoundError();
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = Object.fromEntries(Object.keys(fields).map((k) => [k, k === 'agencyIds' ? list(fields, k) : text(fields, k)]));
    const form = ACTIONS[name];
    const result = await attempt(ctx.texts, name, values, async () =>
      form.run(this.actions, actor, id, await validated(form.dto, form.body(fields))),
    );
    if (!result.ok) {
      // A refused extension keeps its chosen days, so the page shows their term again beside the error.
      const extendDays = name === 'extend' ? text(fields, 'workingDays') : undefined;
      return this.pages.send(reply, await this.render(ctx, id, { extendDays }, result.state), result.status);
    }
    this.pages.redirect(reply, `/office/appeals/${id}?done=${name}`);
  }

  private async render(ctx: PageContext, id: string, query: CaseQuery, state?: FormState): Promise<SafeHtml> {
    const actor = ctx.actor!;
    const [{ appeal, extras }, history, agencies, offered, canUpload] = await Promise.all([
      this.cases.load(actor, id),
      this.history.load(actor, id),
      this.agencies.list(),
      // Only what the rules allow now (case-actions.ts), as the services check it.
      this.cases.appeals.actionsFor(actor, id),
      this.attachments.accepts(actor, id),
    ]);
    const staffActions = offered.filter((n): n is StaffAction => n in ACTIONS);
    const mergeCandidates: FollowUpCandidateView[] = staffActions.includes('merge')
      ? (await this.cases.appeals.followUpCandidates(actor, id)).items
      : [];
    const actions = staffActions.filter((n) => n !== 'merge' || mergeCandidates.length > 0);
    const [executors, templates, previews, template] = await Promise.all([
      actions.includes('assign') ? this.users.listStaffOfAgencies([appeal.agencyId], ['official', 'supervisor']) : [],
      actions.includes('answer') ? this.templates.forCase(actor, id) : [],
      this.previews(ctx, actor, id, actions, query.extendDays),
      actions.includes('answer') && query.template ? this.filledTemplate(ctx, actor, id, query.template) : undefined,
    ]);
    const sizes = this.attachments.sizeLimits;
    const page: CasePage = {
      appeal,
      extras,
      actions,
      executors,
      otherAgencies: agencies.filter((a) => a.id !== appeal.agencyId).map((a) => ({ value: a.id, label: a.name })),
      mergeCandidates,
      leaveGrounds: leaveGroundsFor(actor.role),
      previews,
      templates,
      template,
      attachments: { canUpload, limitsMb: { each: megabytes(sizes.fileBytes), total: megabytes(sizes.appealBytes) } },
      history,
      state,
      done: query.done,
    };
    return casePage(ctx, page);
  }

  /**
   * The terms the offered term changes would give (AppealActionsService.termPreview: the action's own
   * computation). The extension's needs its days: a GET with ?extendDays=N, checked by the API's rule.
   */
  private async previews(
    ctx: PageContext,
    actor: Actor,
    id: string,
    actions: readonly StaffAction[],
    extendDays?: string,
  ): Promise<CasePage['previews']> {
    const reopen: TermChange = { action: 'reopen' };
    const study: TermChange = { action: 'additionalStudy' };
    const regimeChanges = REGIMES.map((regime) => ({ action: 'changeRegime', regime }) as const);
    const asked = [reopen, study, ...regimeChanges].filter((change) => actions.includes(change.action));
    const [results, extend] = await Promise.all([
      asked.length > 0 ? this.actions.termPreviews(actor, id, asked) : [],
      actions.includes('extend') && extendDays !== undefined && extendDays !== ''
        ? attempt(ctx.texts, 'extendPreview', { extendDays }, async () => {
            const { extendDays: workingDays } = await validated(ExtensionDaysQuery, { extendDays });
            return this.actions.termPreview(actor, id, { action: 'extend', workingDays });
          }).then((result) =>
            result.ok ? { workingDays: extendDays, preview: result.value } : { workingDays: extendDays, state: result.state },
          )
        : undefined,
    ]);
    // null: the rules refuse that change now (a regime whose due instant would have passed).
    const of = (change: (typeof asked)[number]) => results[asked.indexOf(change)] ?? null;
    return {
      reopen: of(reopen) ?? undefined,
      additionalStudy: of(study) ?? undefined,
      regimes: actions.includes('changeRegime')
        ? Object.fromEntries(regimeChanges.map((change) => [change.regime, of(change)]))
        : undefined,
      extend,
    };
  }

  /** The chosen template filled with the case's values (AnswerTemplatesService: the case's agency only). */
  private async filledTemplate(ctx: PageContext, actor: Actor, id: string, templateId: string): Promise<CasePage['template']> {
    const result = await attempt(ctx.texts, 'template', { template: templateId }, async () =>
      this.templates.fill(actor, id, (await validated(TemplateChoice, { template: templateId })).template),
    );
    return result.ok ? { id: templateId, text: result.value } : { id: templateId, state: result.state };
  }
}

function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
