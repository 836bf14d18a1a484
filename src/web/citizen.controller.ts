import { Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AgenciesService } from '../agencies/agencies.service';
import { AppealActionsService } from '../appeals/appeal-actions.service';
import { AttachmentsService } from '../appeals/attachments.service';
import { APPEAL_TYPES, PARTY_KINDS } from '../appeals/domain/appeal-types';
import { allowedTransitions } from '../appeals/domain/lifecycle';
import { FeedbackDto } from '../appeals/dto/actions.dto';
import { CreateAppealDto, LIMITS } from '../appeals/dto/create-appeal.dto';
import { ListAppealsQuery } from '../appeals/dto/list-appeals.query';
import { STAFF_ROLES } from '../auth/actor';
import { Public } from '../auth/auth.decorators';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { DomainError } from '../platform/errors/domain-error';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { UsersService } from '../users/users.service';
import { html, SafeHtml } from './html';
import { csrfField, FormState, formMessage, input, layout, PageContext, select, textarea, valueOf } from './layout';
import { answerSection, attachmentList, caseFacts, deadlineLedger, deadlineMarker, historyList, linkedCases } from './pages/appeal.view';
import { WebCases } from './web-cases';
import { list, MultipartForm, optional, readMultipart, text, urlencoded, validated } from './web-forms';
import { FormFields } from './web-http';
import { attempt, CsrfGuard, WebExceptionFilter, WebPages } from './web-pages';

const CO_APPLICANT_ROWS = 3;
const FILES_PER_FORM = 5;

/** The applicant's pages (appeals-rules.md 16): submit, follow, read the answer, withdraw, give feedback. */
@ApiExcludeController()
@Public()
@UseGuards(CsrfGuard)
@UseFilters(WebExceptionFilter)
@Controller()
export class CitizenPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly cases: WebCases,
    private readonly actions: AppealActionsService,
    private readonly attachments: AttachmentsService,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('appeals/new')
  async newAppeal(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['citizen']);
    const ctx = this.pages.context(request, reply);
    const me = await this.users.get(actor.id);
    const state: FormState = { form: 'appeal', errors: [], values: { 'applicant.fullName': me.fullName, 'applicant.email': me.email } };
    this.pages.send(reply, await this.appealForm(ctx, state));
  }

  /** Intake through AppealsService.submit with the API's DTO; the form's key makes a double click harmless. */
  @Post('appeals/new')
  @MultipartForm()
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['citizen']);
    const ctx = this.pages.context(request, reply);
    const form = await readMultipart(request, this.pages.session, this.attachments.newAppealLimits(FILES_PER_FORM));
    try {
      const { fields, files } = form;
      const values = flatValues(fields);
      const result = await attempt(ctx.texts, 'appeal', values, async () => {
        const dto = await validated(CreateAppealDto, appealBody(fields));
        return this.cases.appeals.submit(actor, dto, text(fields, 'idempotencyKey').slice(0, 100) || undefined);
      });
      if (!result.ok) return this.pages.send(reply, await this.appealForm(ctx, result.state), result.status);
      const appeal = result.value.body;
      let query = 'created=1';
      if (files.length > 0) {
        // The appeal is registered already; a refused document must not undo it, so it is reported on the case page.
        const added = await this.attachments.add(actor, appeal.id, files).then(
          () => true,
          (error: unknown) => {
            if (error instanceof DomainError) return false;
            throw error;
          },
        );
        if (!added) query += '&files=refused';
      }
      this.pages.redirect(reply, `/my/appeals/${appeal.id}?${query}`);
    } finally {
      await form.discard();
    }
  }

  @Get('my/appeals')
  async myAppeals(@Query('cursor') cursor: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['citizen']);
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const query = await validated(ListAppealsQuery, { cursor, limit: '50' });
    const [page, agencyName] = await Promise.all([this.cases.appeals.list(actor, query), this.cases.agencyNames()]);
    const now = this.cases.now();
    this.pages.send(
      reply,
      layout(ctx, {
        title: t.t('Müraciətlərim', 'My appeals'),
        body: html`<h1>${t.t('Müraciətlərim', 'My appeals')}</h1>
<p><a class="button" href="/appeals/new">${t.t('Yeni müraciət', 'New appeal')}</a></p>
${
  page.items.length === 0
    ? html`<p>${t.t('Hələ müraciətiniz yoxdur.', 'You have no appeals yet.')}</p>`
    : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t.t('Nömrə', 'Number')}</th><th scope="col">${t.t('Mövzu', 'Subject')}</th>
<th scope="col">${t.t('Qurum', 'Agency')}</th><th scope="col">${t.t('Vəziyyət', 'Status')}</th><th scope="col">${t.t('Son gün', 'Due')}</th><th scope="col">${t.t(
        'Müddət',
        'Deadline',
      )}</th></tr></thead><tbody>
${page.items.map(
  (a) =>
    html`<tr><td><a href="/my/appeals/${a.id}">${a.registrationNumber}</a></td><td>${a.subject}</td><td>${agencyName(a.agencyId)}</td><td>${t.status(
      a.status,
    )}</td><td>${a.reviewDueDate}</td>${deadlineMarker(t, a, this.cases.workingDaysLeft(a), now)}</tr>`,
)}</tbody></table></div>`
}
${page.nextCursor ? html`<p><a href="/my/appeals?cursor=${encodeURIComponent(page.nextCursor)}">${t.t('Növbəti səhifə', 'Next page')}</a></p>` : ''}`,
      }),
    );
  }

  @Get('my/appeals/:id')
  async myAppeal(
    @Param('id', IdParamPipe) id: string,
    @Query('created') created: string | undefined,
    @Query('files') files: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.pages.require(request, ['citizen']);
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const notice =
      created === '1'
        ? t.t(
            'Müraciətiniz qeydə alındı. Qeydiyyat nömrəsi aşağıdadır; təsdiq e-poçtla göndərilir.',
            'Your appeal is registered. Its number is below; a confirmation is sent by e-mail.',
          ) +
          (files === 'refused'
            ? t.t(' Sənədlər qəbul edilmədi (yalnız PDF, JPEG, PNG).', ' The documents were refused (PDF, JPEG and PNG only).')
            : '')
        : undefined;
    this.pages.send(reply, await this.casePage(ctx, id, notice));
  }

  /** A document of a case for its applicant or the staff who see it; AttachmentsService applies the API's access check. */
  @Get(['my/appeals/:id/attachments/:attachmentId', 'office/appeals/:id/attachments/:attachmentId'])
  async download(
    @Param('id', IdParamPipe) id: string,
    @Param('attachmentId', IdParamPipe) attachmentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.cases.sendAttachment(this.pages.require(request, ['citizen', ...STAFF_ROLES]), id, attachmentId, reply);
  }

  /** Art. 8.1: the applicant withdraws; the case is left without consideration, ground "withdrawn". */
  @Post('my/appeals/:id/withdraw')
  async withdraw(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['citizen']);
    const ctx = this.pages.context(request, reply);
    const result = await attempt(ctx.texts, 'withdraw', {}, () => this.actions.withdraw(actor, id));
    if (!result.ok) return this.pages.send(reply, await this.casePage(ctx, id, undefined, result.state), result.status);
    this.pages.redirect(reply, `/my/appeals/${id}`);
  }

  @Post('my/appeals/:id/feedback')
  async feedback(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['citizen']);
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = { satisfied: text(fields, 'satisfied'), comment: text(fields, 'comment') };
    const result = await attempt(ctx.texts, 'feedback', values, async () => {
      const satisfied = values.satisfied === 'yes' ? true : values.satisfied === 'no' ? false : values.satisfied;
      return this.actions.feedback(actor, id, await validated(FeedbackDto, { satisfied, comment: optional(values.comment) }));
    });
    if (!result.ok) return this.pages.send(reply, await this.casePage(ctx, id, undefined, result.state), result.status);
    this.pages.redirect(reply, `/my/appeals/${id}`);
  }

  private async casePage(ctx: PageContext, id: string, notice?: string, state?: FormState): Promise<SafeHtml> {
    const t = ctx.texts;
    const actor = ctx.actor!;
    const { appeal, extras } = await this.cases.load(actor, id);
    const allowed = allowedTransitions(appeal.status, actor.role);
    return layout(ctx, {
      title: `${appeal.registrationNumber} — ${appeal.subject}`,
      notice,
      body: html`<h1>${appeal.subject}</h1>
${caseFacts(t, appeal, extras)}
${answerSection(t, extras.answer)}
${deadlineLedger(t, appeal, extras)}
${linkedCases(t, '/my/appeals', appeal, extras.agencyName)}
<section aria-labelledby="text"><h2 id="text">${t.t('Müraciətin mətni', 'Text of the appeal')}</h2><div class="answer">${appeal.text}</div></section>
${attachmentList(t, `/my/appeals/${appeal.id}`, appeal.attachments)}
${
  allowed.includes('feedback') && !appeal.history.some((e) => e.type === 'feedback')
    ? feedbackForm(ctx, appeal.id, state)
    : appeal.history.some((e) => e.type === 'feedback')
      ? html`<p>${t.t('Rəyiniz üçün təşəkkür edirik.', 'Thank you for your feedback.')}</p>`
      : ''
}
${
  allowed.includes('withdraw')
    ? html`<form method="post" action="/my/appeals/${appeal.id}/withdraw">${csrfField(ctx)}${formMessage(state, 'withdraw')}
<button type="submit" class="secondary">${t.t('Müraciəti geri götür', 'Withdraw the appeal')}</button></form>`
    : ''
}
${historyList(t, appeal.history)}
<p><a href="/my/appeals">${t.t('Bütün müraciətlərim', 'All my appeals')}</a></p>`,
    });
  }

  private async appealForm(ctx: PageContext, state: FormState): Promise<SafeHtml> {
    const t = ctx.texts;
    const agencies = (await this.agencies.list()).map((a) => ({ value: a.id, label: t.lang === 'en' && a.nameEn ? a.nameEn : a.name }));
    agencies.sort((a, b) => a.label.localeCompare(b.label));
    const f = 'appeal';
    const chosenType = valueOf(state, f, 'type');
    // Issue 13: until the e-mail is proved the intake refuses (EMAIL_NOT_VERIFIED); say so before the form is filled in.
    const unverified = this.config.requireEmailVerification && ctx.actor?.session?.emailVerified === false;
    return layout(ctx, {
      title: t.t('Yeni müraciət', 'New appeal'),
      body: html`<h1>${t.t('Yeni müraciət', 'New appeal')}</h1>
${
  unverified
    ? html`<p class="form-error" role="alert" data-email-verified="false">${t.t(
        'Müraciət göndərmək üçün əvvəlcə e-poçt ünvanınızı təsdiq edin: göndərdiyimiz keçidi açın və ya',
        'Confirm your e-mail address before you send an appeal: open the link we sent, or',
      )} <a href="/account">${t.t('yenisini istəyin', 'ask for a new one')}</a>.</p>`
    : ''
}
${formMessage(state, f)}
<form method="post" action="/appeals/new" enctype="multipart/form-data" novalidate>
${csrfField(ctx)}<input type="hidden" name="idempotencyKey" value="${valueOf(state, f, 'idempotencyKey', randomUUID())}">
<fieldset><legend>${t.t('Müraciətin növü', 'Type of appeal')} <span class="req" aria-hidden="true">*</span></legend>
${fieldErrors(state, f, 'type')}
${APPEAL_TYPES.map(
  (
    type,
  ) => html`<div><input type="radio" id="appeal-type-${type}" name="type" value="${type}"${chosenType === type ? html` checked` : ''} aria-describedby="appeal-type-${type}-help">
<label for="appeal-type-${type}">${t.type(type)}</label><p class="hint" id="appeal-type-${type}-help">${t.typeHelp(type)}</p></div>`,
)}</fieldset>
<div class="field"><label for="agency-filter" hidden>${t.t('Qurumu axtar', 'Search agencies')}</label>
<input id="agency-filter" type="search" data-filter-for="appeal-agencyId" hidden autocomplete="off"></div>
${select({ form: f, name: 'agencyId', label: t.t('Qurum (kimə)', 'Agency (addressee)'), options: agencies, placeholder: t.t('— seçin —', '— choose —'), state, required: true })}
${input({ form: f, name: 'subject', label: t.t('Mövzu', 'Subject'), state, required: true, maxLength: LIMITS.subject })}
${textarea({ form: f, name: 'text', label: t.t('Müraciətin mətni', 'Text of the appeal'), state, required: true, rows: 8, maxLength: LIMITS.text })}
<fieldset><legend>${t.t('Müraciət edən', 'Applicant')}</legend>
${fieldErrors(state, f, 'applicant')}
${select({
  form: f,
  name: 'applicant.kind',
  label: t.t('Şəxs', 'Person'),
  options: PARTY_KINDS.map((k) => ({
    value: k,
    label: k === 'natural' ? t.t('Fiziki şəxs', 'Natural person') : t.t('Hüquqi şəxs', 'Legal person'),
  })),
  state,
  value: 'natural',
})}
${input({ form: f, name: 'applicant.fullName', label: t.t('Soyad, ad, ata adı', 'Full name'), state, autocomplete: 'name', maxLength: LIMITS.name })}
${input({ form: f, name: 'applicant.organisationName', label: t.t('Təşkilatın adı (hüquqi şəxs)', 'Organisation (legal person)'), state, maxLength: LIMITS.organisation })}
${input({ form: f, name: 'applicant.address', label: t.t('Ünvan', 'Address'), state, autocomplete: 'street-address', maxLength: LIMITS.address })}
${input({ form: f, name: 'applicant.email', type: 'email', label: t.t('E-poçt (cavab üçün)', 'E-mail (for the answer)'), state, autocomplete: 'email', maxLength: 254 })}
${input({ form: f, name: 'applicant.phone', type: 'tel', label: t.t('Telefon', 'Phone'), state, autocomplete: 'tel', maxLength: LIMITS.phone })}
</fieldset>
<details${Array.from({ length: CO_APPLICANT_ROWS }, (_, i) => valueOf(state, f, `coApplicants.${i}.fullName`)).some(Boolean) ? html` open` : ''}>
<summary>${t.t('Kollektiv müraciət: digər müraciət edənlər', 'Collective appeal: other applicants')}</summary>
${Array.from(
  { length: CO_APPLICANT_ROWS },
  (_, i) => html`<fieldset><legend>${t.t(`Müraciət edən ${i + 2}`, `Applicant ${i + 2}`)}</legend>
${fieldErrors(state, f, `coApplicants.${i}`)}
${input({ form: f, name: `coApplicants.${i}.fullName`, label: t.t('Soyad, ad, ata adı', 'Full name'), state, maxLength: LIMITS.name })}
${input({ form: f, name: `coApplicants.${i}.address`, label: t.t('Ünvan', 'Address'), state, maxLength: LIMITS.address })}
${input({ form: f, name: `coApplicants.${i}.email`, type: 'email', label: t.t('E-poçt', 'E-mail'), state, maxLength: 254 })}
</fieldset>`,
)}</details>
<details><summary>${t.t('Şikayət: kimdən şikayət edirsiniz', 'Complaint: who you complain about')}</summary>
${select({ form: f, name: 'respondentAgencyId', label: t.t('Şikayət edilən qurum', 'Agency complained about'), options: agencies, placeholder: t.t('— yoxdur —', '— none —'), state })}
${input({ form: f, name: 'respondentOfficial', label: t.t('Şikayət edilən vəzifəli şəxs', 'Official complained about'), state, maxLength: LIMITS.respondentOfficial })}
</details>
<div class="field"><input type="checkbox" id="appeal-confidential" name="confidential" value="yes"${valueOf(state, f, 'confidential') === 'yes' ? html` checked` : ''}>
<label for="appeal-confidential">${t.t('Məxfi saxlanılsın (şəxsi, peşə və ya kommersiya sirri)', 'Keep confidential (private, professional or commercial secrets)')}</label></div>
${input({
  form: f,
  name: 'files',
  type: 'file',
  label: t.t('Sənədlər (PDF, JPEG, PNG)', 'Documents (PDF, JPEG, PNG)'),
  hint: t.t(`${FILES_PER_FORM} fayla qədər`, `up to ${FILES_PER_FORM} files`),
  state,
  multiple: true,
  accept: 'application/pdf,image/jpeg,image/png',
})}
<button type="submit">${t.t('Göndər', 'Send')}</button>
</form>`,
    });
  }
}

/** Errors on a group as a whole ("applicant": anonymous), shown at the top of its fieldset. */
function fieldErrors(state: FormState | undefined, form: string, field: string): SafeHtml | '' {
  const messages = state && state.form === form ? state.errors.filter((e) => e.field === field).map((e) => e.message) : [];
  return messages.length ? html`<p class="error" data-field="${field}">${messages.join(' ')}</p>` : '';
}

function feedbackForm(ctx: PageContext, id: string, state?: FormState): SafeHtml {
  const t = ctx.texts;
  return html`<form method="post" action="/my/appeals/${id}/feedback">${csrfField(ctx)}
<h2>${t.t('Cavabdan razısınızmı?', 'Are you satisfied with the answer?')}</h2>
${formMessage(state, 'feedback')}
${select({
  form: 'feedback',
  name: 'satisfied',
  label: t.t('Qiymətiniz', 'Your verdict'),
  options: [
    { value: 'yes', label: t.t('Bəli, razıyam', 'Yes, satisfied') },
    { value: 'no', label: t.t('Xeyr, razı deyiləm', 'No, not satisfied') },
  ],
  placeholder: t.t('— seçin —', '— choose —'),
  state,
  required: true,
})}
${textarea({ form: 'feedback', name: 'comment', label: t.t('Şərh (istəyə görə)', 'Comment (optional)'), state, rows: 3, maxLength: 2000 })}
<button type="submit">${t.t('Göndər', 'Send')}</button></form>`;
}

/** The form's values as the page shows them back (never the files). */
function flatValues(fields: FormFields): Record<string, string> {
  return Object.fromEntries(Object.keys(fields).map((k) => [k, text(fields, k)]));
}

/** The form as the API's JSON body; blank optional fields are left out. */
function appealBody(fields: FormFields): object {
  const party = (prefix: string) =>
    Object.fromEntries(
      ['kind', 'fullName', 'organisationName', 'address', 'email', 'phone']
        .map((k): [string, string | undefined] => [k, optional(text(fields, `${prefix}.${k}`))])
        .filter(([, v]) => v !== undefined),
    );
  const coApplicants = Array.from({ length: CO_APPLICANT_ROWS }, (_, i) => party(`coApplicants.${i}`))
    .filter((p) => Object.keys(p).length > 0)
    .map((p) => ({ kind: 'natural', ...p }));
  return {
    type: optional(text(fields, 'type')),
    agencyId: text(fields, 'agencyId'),
    subject: text(fields, 'subject'),
    text: text(fields, 'text'),
    applicant: party('applicant'),
    ...(coApplicants.length ? { coApplicants } : {}),
    ...(optional(text(fields, 'respondentAgencyId')) ? { respondentAgencyId: text(fields, 'respondentAgencyId') } : {}),
    ...(optional(text(fields, 'respondentOfficial')) ? { respondentOfficial: text(fields, 'respondentOfficial') } : {}),
    confidential: list(fields, 'confidential').includes('yes'),
  };
}
