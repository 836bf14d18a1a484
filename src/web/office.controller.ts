import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { AppealActionsService } from '../appeals/appeal-actions.service';
import { ANSWER_CHANNELS, APPEAL_STATUSES, REGIMES } from '../appeals/domain/appeal-types';
import { leaveGroundsFor, TransitionName } from '../appeals/domain/lifecycle';
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
import { ListAppealsQuery } from '../appeals/dto/list-appeals.query';
import { Actor, STAFF_ROLES } from '../auth/actor';
import { Public } from '../auth/auth.decorators';
import { NotFoundError } from '../platform/errors/domain-error';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { UsersService } from '../users/users.service';
import { html, SafeHtml } from './html';
import { csrfField, FormState, formMessage, input, layout, PageContext, select, textarea } from './layout';
import { answerSection, attachmentList, caseFacts, deadlineMarker, historyList, linkedCases } from './pages/appeal.view';
import { deadlineLedger } from './pages/deadline-ledger.view';
import { WebCases } from './web-cases';
import { list, optional, text, urlencoded, validated } from './web-forms';
import { FormFields } from './web-http';
import { attempt, CsrfGuard, WebExceptionFilter, WebPages } from './web-pages';

interface ActionForm<T extends object> {
  /** The URL segment of the form's POST. */
  readonly path: string;
  /** The API's DTO class; the form is validated with its rules. */
  readonly dto: new () => T;
  readonly body: (f: FormFields) => object;
  readonly run: (service: AppealActionsService, actor: Actor, id: string, dto: T) => Promise<unknown>;
}

const action = <T extends object>(form: ActionForm<T>): ActionForm<object> => form as unknown as ActionForm<object>;
const version = (f: FormFields) => ({ version: text(f, 'version') });

/** Each case action of the page: its URL segment, how its form becomes the API's DTO, the service call. */
const ACTIONS: Record<Exclude<TransitionName, 'withdraw' | 'feedback'>, ActionForm<object>> = {
  assign: action({
    path: 'assign',
    dto: AssignDto,
    body: (f) => ({ executorId: text(f, 'executorId'), ...version(f) }),
    run: (s, a, id, d) => s.assign(a, id, d),
  }),
  refer: action({
    path: 'refer',
    dto: ReferralDto,
    body: (f) => ({ toAgencyId: text(f, 'toAgencyId'), note: optional(text(f, 'note')), ...version(f) }),
    run: (s, a, id, d) => s.refer(a, id, d),
  }),
  copy: action({
    path: 'copy',
    dto: CopiesDto,
    body: (f) => ({ agencyIds: list(f, 'agencyIds'), note: optional(text(f, 'note')), ...version(f) }),
    run: (s, a, id, d) => s.copy(a, id, d),
  }),
  additionalStudy: action({
    path: 'additional-study',
    dto: ReasonDto,
    body: (f) => ({ reason: text(f, 'reason'), ...version(f) }),
    run: (s, a, id, d) => s.additionalStudy(a, id, d),
  }),
  extend: action({
    path: 'extend',
    dto: ExtensionDto,
    body: (f) => ({ workingDays: text(f, 'workingDays'), reason: text(f, 'reason'), ...version(f) }),
    run: (s, a, id, d) => s.extend(a, id, d),
  }),
  answer: action({
    path: 'answer',
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
    path: 'leave',
    dto: LeaveWithoutConsiderationDto,
    body: (f) => ({ ground: text(f, 'ground'), note: text(f, 'note'), ...version(f) }),
    run: (s, a, id, d) => s.leaveWithoutConsideration(a, id, d),
  }),
  reopen: action({
    path: 'reopen',
    dto: NoteDto,
    body: (f) => ({ note: text(f, 'note'), ...version(f) }),
    run: (s, a, id, d) => s.reopen(a, id, d),
  }),
  changeRegime: action({
    path: 'regime',
    dto: RegimeDto,
    body: (f) => ({ regime: text(f, 'regime'), reason: text(f, 'reason'), ...version(f) }),
    run: (s, a, id, d) => s.changeRegime(a, id, d),
  }),
  merge: action({
    path: 'merge',
    dto: MergeDto,
    body: (f) => ({ intoAppealId: text(f, 'intoAppealId'), ...version(f) }),
    run: (s, a, id, d) => s.merge(a, id, d),
  }),
};
type StaffAction = keyof typeof ACTIONS;

/** Agency staff: the inbox by nearest deadline and the case page with every action as a form. */
@ApiExcludeController()
@Public()
@UseGuards(CsrfGuard)
@UseFilters(WebExceptionFilter)
@Controller('office')
export class OfficePagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly cases: WebCases,
    private readonly actions: AppealActionsService,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
  ) {}

  @Get()
  async inbox(@Query() raw: Record<string, string>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, STAFF_ROLES);
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const filter = {
      status: optional(raw.status ?? ''),
      q: optional(raw.q ?? ''),
      overdue: raw.overdue === 'true' ? 'true' : undefined,
      assignee: raw.mine === 'true' ? 'me' : undefined,
      cursor: optional(raw.cursor ?? ''),
    };
    const state: FormState = { form: 'filter', errors: [], values: { status: filter.status, q: filter.q } };
    const result = await attempt(t, 'filter', state.values, async () =>
      this.cases.appeals.list(actor, await validated(ListAppealsQuery, { ...filter, limit: '50' })),
    );
    const [counts, agencyName] = await Promise.all([this.cases.appeals.counts(actor), this.cases.agencyNames()]);
    const page = result.ok ? result.value : { items: [], nextCursor: null };
    const now = this.cases.now();
    const nextQuery = new URLSearchParams(Object.entries({ ...raw, cursor: page.nextCursor ?? '' }).filter(([, v]) => v)).toString();
    this.pages.send(
      reply,
      layout(ctx, {
        title: t.t('Daxil olan müraciətlər', 'Inbox'),
        body: html`<h1>${t.t('Daxil olan müraciətlər', 'Inbox')}</h1>
<p class="counts">${APPEAL_STATUSES.map((s) => html`<span>${t.status(s)}: <strong>${counts.byStatus[s]}</strong></span> · `)}<span data-colour="${
          counts.overdue > 0 ? 'red' : 'green'
        }">${t.t('Vaxtı keçmiş', 'Overdue')}: <strong>${counts.overdue}</strong></span></p>
<form method="get" action="/office" class="filters">
${formMessage(result.ok ? undefined : result.state, 'filter')}
${select({
  form: 'filter',
  name: 'status',
  label: t.t('Vəziyyət', 'Status'),
  options: APPEAL_STATUSES.map((s) => ({ value: s, label: t.status(s) })),
  placeholder: t.t('— hamısı —', '— all —'),
  state: result.ok ? state : result.state,
})}
${input({ form: 'filter', name: 'q', type: 'search', label: t.t('Mətndə axtarış', 'Full-text search'), state: result.ok ? state : result.state, maxLength: 200 })}
<div class="field"><input type="checkbox" id="filter-overdue" name="overdue" value="true"${filter.overdue ? html` checked` : ''}><label for="filter-overdue">${t.t(
          'Yalnız vaxtı keçmiş',
          'Overdue only',
        )}</label></div>
<div class="field"><input type="checkbox" id="filter-mine" name="mine" value="true"${filter.assignee ? html` checked` : ''}><label for="filter-mine">${t.t(
          'Mənə təyin edilənlər',
          'Assigned to me',
        )}</label></div>
<button type="submit">${t.t('Süz', 'Filter')}</button></form>
<div class="table-wrap"><table><caption>${t.t('Ən yaxın son günə görə', 'Nearest deadline first')}</caption>
<thead><tr><th scope="col">${t.t('Nömrə', 'Number')}</th><th scope="col">${t.t('Mövzu', 'Subject')}</th><th scope="col">${t.t('Növ', 'Type')}</th>
<th scope="col">${t.t('Qurum', 'Agency')}</th><th scope="col">${t.t('Vəziyyət', 'Status')}</th><th scope="col">${t.t('Son gün', 'Due')}</th><th scope="col">${t.t(
          'Müddət',
          'Deadline',
        )}</th></tr></thead><tbody>
${page.items.map(
  (a) =>
    html`<tr><td><a href="/office/appeals/${a.id}">${a.registrationNumber}</a></td><td>${a.subject}</td><td>${t.type(a.type)}</td><td>${agencyName(
      a.agencyId,
    )}</td><td>${t.status(a.status)}</td><td>${a.reviewDueDate}</td>${deadlineMarker(t, a, this.cases.workingDaysLeft(a), now)}</tr>`,
)}
</tbody></table></div>
${page.items.length === 0 ? html`<p>${t.t('Müraciət yoxdur.', 'No appeals.')}</p>` : ''}
${page.nextCursor ? html`<p><a href="/office?${nextQuery}">${t.t('Növbəti səhifə', 'Next page')}</a></p>` : ''}`,
      }),
    );
  }

  @Get('appeals/:id')
  async casePage(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.pages.require(request, STAFF_ROLES);
    this.pages.send(reply, await this.render(this.pages.context(request, reply), id));
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
    const name = (Object.keys(ACTIONS) as StaffAction[]).find((key) => ACTIONS[key].path === path);
    if (!name) throw new NotFoundError();
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = Object.fromEntries(Object.keys(fields).map((k) => [k, k === 'agencyIds' ? list(fields, k) : text(fields, k)]));
    const form = ACTIONS[name];
    const result = await attempt(ctx.texts, name, values, async () =>
      form.run(this.actions, actor, id, await validated(form.dto, form.body(fields))),
    );
    if (!result.ok) return this.pages.send(reply, await this.render(ctx, id, result.state), result.status);
    this.pages.redirect(reply, `/office/appeals/${id}?done=${name}`);
  }

  private async render(ctx: PageContext, id: string, state?: FormState): Promise<SafeHtml> {
    const t = ctx.texts;
    const actor = ctx.actor!;
    const [{ appeal, extras }, events, agencies] = await Promise.all([
      this.cases.load(actor, id),
      this.cases.appeals.listEvents(actor, id),
      this.agencies.list(),
    ]);
    const others = agencies.filter((a) => a.id !== appeal.agencyId).map((a) => ({ value: a.id, label: a.name }));
    // Only what the rules allow now (case-actions.ts): no additional study once ordered, extended
    // or expired, no second extension, no term change after the due instant.
    const offered = (await this.cases.appeals.actionsFor(actor, id)).filter((n): n is StaffAction => n in ACTIONS);
    const candidates: FollowUpCandidateView[] = offered.includes('merge')
      ? (await this.cases.appeals.followUpCandidates(actor, id)).items
      : [];
    const allowed = offered.filter((n) => n !== 'merge' || candidates.length > 0);
    const executors = allowed.includes('assign') ? await this.users.listStaffOfAgencies([appeal.agencyId], ['official', 'supervisor']) : [];
    const done = new URL(ctx.path, 'http://x').searchParams.get('done');
    const applicant = appeal.applicant;
    const form = (name: StaffAction, title: string, fields: SafeHtml) =>
      html`<form method="post" action="/office/appeals/${appeal.id}/${ACTIONS[name].path}" data-action="${name}"><h3>${title}</h3>
${csrfField(ctx)}<input type="hidden" name="version" value="${appeal.version}">${formMessage(state, name)}${fields}<button type="submit">${title}</button></form>`;
    const forms: Record<StaffAction, () => SafeHtml> = {
      assign: () =>
        form(
          'assign',
          t.t('İcraçı təyin et', 'Assign an executor'),
          select({
            form: 'assign',
            name: 'executorId',
            label: t.t('İcraçı', 'Executor'),
            options: executors.map((u) => ({ value: u.id, label: u.fullName })),
            placeholder: '—',
            state,
            required: true,
          }),
        ),
      refer: () =>
        form(
          'refer',
          t.t('Aidiyyəti üzrə göndər (7.10)', 'Refer (Art. 7.10)'),
          html`${select({ form: 'refer', name: 'toAgencyId', label: t.t('Səlahiyyətli qurum', 'Competent agency'), options: others, placeholder: '—', state, required: true })}
${textarea({ form: 'refer', name: 'note', label: t.t('Qeyd', 'Note'), state, rows: 2, maxLength: 2000 })}`,
        ),
      copy: () =>
        form(
          'copy',
          t.t('Surətlər göndər (7.10)', 'Send copies (Art. 7.10)'),
          html`${select({ form: 'copy', name: 'agencyIds', label: t.t('Qurumlar', 'Agencies'), options: others, state, multiple: true, size: 6, required: true })}
${textarea({ form: 'copy', name: 'note', label: t.t('Qeyd', 'Note'), state, rows: 2, maxLength: 2000 })}`,
        ),
      additionalStudy: () =>
        form(
          'additionalStudy',
          t.t('Əlavə öyrənmə (30 iş günü, 10.1)', 'Additional study (30 working days, Art. 10.1)'),
          textarea({
            form: 'additionalStudy',
            name: 'reason',
            label: t.t('Səbəb', 'Reason'),
            state,
            rows: 2,
            required: true,
            maxLength: 2000,
          }),
        ),
      extend: () =>
        form(
          'extend',
          t.t('Müddəti uzat (10.2)', 'Extend the term (Art. 10.2)'),
          html`${input({ form: 'extend', name: 'workingDays', type: 'number', min: 1, max: 30, label: t.t('İş günləri (1-30)', 'Working days (1-30)'), state, required: true })}
${textarea({ form: 'extend', name: 'reason', label: t.t('Səbəb', 'Reason'), state, rows: 2, required: true, maxLength: 2000 })}`,
        ),
      answer: () =>
        form(
          'answer',
          t.t('Əsaslandırılmış cavab (7.5)', 'Reasoned answer (Art. 7.5)'),
          html`${textarea({ form: 'answer', name: 'text', label: t.t('Cavabın mətni (Azərbaycan dilində)', 'Text of the answer (in Azerbaijani)'), state, rows: 8, required: true, maxLength: 20_000 })}
${input({ form: 'answer', name: 'position', label: t.t('Vəzifəniz', 'Your position'), state, maxLength: 200 })}
${select({
  form: 'answer',
  name: 'channel',
  label: t.t('Göndərilmə üsulu (7.6)', 'Sent by (Art. 7.6)'),
  options: ANSWER_CHANNELS.map((c) => ({ value: c, label: answerChannelText(t, c) })),
  value: appeal.answerChannel,
  state,
})}
${input({ form: 'answer', name: 'dispatchedOn', type: 'date', label: t.t('Göndərilmə tarixi', 'Dispatched on'), state })}`,
        ),
      leaveWithoutConsideration: () =>
        form(
          'leaveWithoutConsideration',
          t.t('Baxılmadan saxla (8.1)', 'Leave without consideration (Art. 8.1)'),
          html`${select({
            form: 'leaveWithoutConsideration',
            name: 'ground',
            label: t.t('Əsas', 'Ground'),
            // appeals-rules.md 13: registrars apply the form grounds only.
            options: leaveGroundsFor(actor.role).map((g) => ({ value: g, label: t.ground(g) })),
            placeholder: '—',
            state,
            required: true,
          })}
${textarea({ form: 'leaveWithoutConsideration', name: 'note', label: t.t('Müraciət edənə səbəblər', 'Reasons for the applicant'), state, rows: 2, required: true, maxLength: 2000 })}`,
        ),
      reopen: () =>
        form(
          'reopen',
          t.t('Yenidən aç (8.3)', 'Reopen (Art. 8.3)'),
          textarea({ form: 'reopen', name: 'note', label: t.t('Qeyd', 'Note'), state, rows: 2, required: true, maxLength: 2000 }),
        ),
      changeRegime: () =>
        form(
          'changeRegime',
          t.t('Baxılma qaydasını təsdiqlə və ya dəyiş (10.3, 10.4)', 'Confirm or change the regime (Art. 10.3, 10.4)'),
          html`${select({
            form: 'changeRegime',
            name: 'regime',
            label: t.t('Qayda', 'Regime'),
            options: REGIMES.map((r) => ({ value: r, label: regimeText(t, r) })),
            value: appeal.regime,
            state,
            required: true,
          })}
${textarea({ form: 'changeRegime', name: 'reason', label: t.t('Səbəb', 'Reason'), state, rows: 2, required: true, maxLength: 2000 })}`,
        ),
      merge: () =>
        form(
          'merge',
          t.t('Əvvəlki müraciətlə birləşdir (bir cavab)', 'Merge into an earlier appeal (one answer)'),
          select({
            form: 'merge',
            name: 'intoAppealId',
            label: t.t('Eyni şəxsin açıq müraciəti', "The same applicant's open appeal"),
            options: candidates.map((c) => ({
              value: c.id,
              label: `${c.registrationNumber} — ${c.receivedOn}, ${Math.round(c.similarity * 100)}%`,
            })),
            placeholder: '—',
            state,
            required: true,
          }),
        ),
    };
    const same = appeal.sameMatter;
    return layout(ctx, {
      title: `${appeal.registrationNumber} — ${appeal.subject}`,
      notice: done && !state ? t.t('Qeydə alındı.', 'Done.') : undefined,
      body: html`<h1>${appeal.subject}</h1>
${caseFacts(t, appeal, extras)}
<section aria-labelledby="applicant"><h2 id="applicant">${t.t('Müraciət edən', 'Applicant')}</h2>${
        applicant.redacted
          ? appeal.confidential
            ? html`<p>${t.t('Məxfi müraciət: şəxsiyyət gizlidir.', 'Confidential appeal: the identity is hidden.')}</p>`
            : html`<p>${t.t(
                'Şəxsiyyət yalnız qeydiyyatçıya, icraçıya və rəhbərlərə görünür.',
                "The applicant's identity is shown only to the registrars, the executor and the supervisors.",
              )}</p>`
          : html`<p>${applicant.fullName ?? applicant.organisationName ?? '—'}; ${applicant.address ?? ''} ${applicant.email ?? ''} ${applicant.phone ?? ''}</p>`
      }${appeal.coApplicants.length ? html`<p>${t.t('Kollektiv', 'Collective')}: ${appeal.coApplicants.length + 1}</p>` : ''}</section>
${
  same && same.earlier.length
    ? html`<section aria-labelledby="same"><h2 id="same">${t.t('Təkrar müraciət əlamətləri (8.1.4)', 'Repeated-appeal hints (Art. 8.1.4)')}</h2>
<p>${t.t('Son bir ildə mahiyyəti üzrə cavablar', 'Answered on the merits within the last year')}: <strong>${same.answeredOnMeritsLastYear}</strong>. ${
        same.repeatedGroundAvailable
          ? t.t('"Təkrar" əsası mümkündür.', 'The "repeated" ground is available.')
          : t.t('"Təkrar" əsası hələ mümkün deyil.', 'The "repeated" ground is not available yet.')
      }</p>
<ul>${same.earlier.map((e) => html`<li><a href="/office/appeals/${e.id}">${e.registrationNumber}</a> — ${e.receivedOn}, ${t.status(e.status)}, ${Math.round(e.similarity * 100)}%</li>`)}</ul></section>`
    : ''
}
${answerSection(t, extras.answer)}
<section aria-labelledby="text"><h2 id="text">${t.t('Müraciətin mətni', 'Text of the appeal')}</h2><div class="answer">${
        appeal.text ??
        t.t(
          'Məxfi müraciət: mətn yalnız icraçıya və rəhbərlərə görünür.',
          'Confidential appeal: the text is shown only to the executor and the supervisors.',
        )
      }</div></section>
${deadlineLedger(t, appeal, extras)}
${linkedCases(t, '/office/appeals', appeal, extras.agencyName)}
${attachmentList(t, `/office/appeals/${appeal.id}`, appeal.attachments)}
${allowed.length ? html`<section aria-labelledby="actions"><h2 id="actions">${t.t('Hərəkətlər', 'Actions')}</h2><div class="actions">${allowed.map((n) => forms[n]())}</div></section>` : ''}
${historyList(t, events.items)}
<p><a href="/office">${t.t('Daxil olanlara qayıt', 'Back to the inbox')}</a></p>`,
    });
  }
}

function answerChannelText(t: PageContext['texts'], channel: (typeof ANSWER_CHANNELS)[number]): string {
  return { email: t.t('e-poçtla', 'by e-mail'), post: t.t('poçtla', 'by post'), in_person: t.t('şəxsən təqdim', 'handed over in person') }[
    channel
  ];
}

function regimeText(t: PageContext['texts'], regime: (typeof REGIMES)[number]): string {
  return {
    standard: t.t('Ümumi (15 iş günü)', 'Standard (15 working days)'),
    military: t.t('Hərbi qulluqçular (15 iş günü, uzadılmır)', 'Servicemen (15 working days, no extension)'),
    urgent: t.t('Təcili (24 saat)', 'Urgent (24 hours)'),
  }[regime];
}
