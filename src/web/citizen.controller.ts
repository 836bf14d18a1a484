import { Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AgenciesService } from '../agencies/agencies.service';
import { AppealActionsService } from '../appeals/appeal-actions.service';
import { AttachmentsService } from '../appeals/attachments.service';
import { allowedTransitions } from '../appeals/domain/lifecycle';
import { FeedbackDto } from '../appeals/dto/actions.dto';
import { CreateAppealDto } from '../appeals/dto/create-appeal.dto';
import { ListAppealsQuery } from '../appeals/dto/list-appeals.query';
import { Actor, STAFF_ROLES } from '../auth/actor';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { DomainError } from '../platform/errors/domain-error';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { UsersService } from '../users/users.service';
import { SafeHtml } from './html';
import { FormState, PageContext } from './layout';
import { answerPdf, registrationPdf, sendPdf } from './pages/case-pdf';
import { citizenCasePage, myAppealsPage } from './pages/citizen-case.view';
import { appealFormPage, CO_APPLICANT_ROWS, DRAFT_FIELDS, FILES_PER_FORM, registeredPage, reviewPage } from './pages/intake.view';
import { WebCaseHistory } from './web-case-history';
import { WebCases } from './web-cases';
import { list, MultipartForm, optional, readMultipart, text, urlencoded, validated } from './web-forms';
import { FormFields } from './web-http';
import { PageFor, Viewer } from './page-access';
import { WebController } from './web-controller';
import { attempt, WebPages } from './web-pages';

/**
 * The applicant's pages (appeals-rules.md 16): submit (form, check your answers, confirmation),
 * follow, read the answer, download the registration and the answer as PDFs, withdraw, give
 * feedback. The PDFs and documents are served to the staff who see the case too, under /office
 * (their handlers widen @PageFor); every other page is the citizen's.
 */
@WebController()
@PageFor('citizen')
export class CitizenPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly cases: WebCases,
    private readonly history: WebCaseHistory,
    private readonly actions: AppealActionsService,
    private readonly attachments: AttachmentsService,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('appeals/new')
  async newAppeal(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const me = await this.users.get(actor.id);
    // The key is made once per form and carried through the review, so a repeated confirmation finds the first appeal.
    const values = { idempotencyKey: randomUUID(), 'applicant.fullName': me.fullName, 'applicant.email': me.email };
    this.pages.send(reply, await this.appealForm(ctx, { form: 'appeal', errors: [], values }));
  }

  /** Check your answers: the draft is validated by the API's rules and shown back; nothing is stored. */
  @Post('appeals/new/review')
  async review(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = draftValues(fields);
    const result = await attempt(ctx.texts, 'appeal', values, () => validated(CreateAppealDto, appealBody(fields)));
    if (!result.ok) return this.pages.send(reply, await this.appealForm(ctx, result.state), result.status);
    const agencyName = await this.cases.agencyNames();
    this.pages.send(reply, reviewPage(ctx, { values, agencyName }));
  }

  /** A "change" on the review page: the form again, filled in with the draft. */
  @Post('appeals/new/change')
  async change(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    this.pages.send(reply, await this.appealForm(ctx, { form: 'appeal', errors: [], values: draftValues(urlencoded(request)) }));
  }

  /**
   * The confirmation: intake through AppealsService.submit with the API's DTO. The form's key makes a
   * second confirmation (a double click, the back button) answer with the first appeal.
   */
  @Post('appeals/new')
  @MultipartForm()
  async submit(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const form = await readMultipart(request, this.pages.session, this.attachments.newAppealLimits(FILES_PER_FORM));
    try {
      const { fields, files } = form;
      const result = await attempt(ctx.texts, 'appeal', draftValues(fields), async () => {
        const dto = await validated(CreateAppealDto, appealBody(fields));
        return this.cases.appeals.submit(actor, dto, text(fields, 'idempotencyKey').slice(0, 100) || undefined);
      });
      if (!result.ok) return this.pages.send(reply, await this.appealForm(ctx, result.state), result.status);
      const appeal = result.value.body;
      let query = '';
      // A replayed confirmation brought its documents with the first one already.
      if (files.length > 0 && !result.value.replayed) {
        // The appeal is registered already; a refused document must not undo it, so it is reported on the next page.
        const added = await this.attachments.add(actor, appeal.id, files).then(
          () => true,
          (error: unknown) => {
            if (error instanceof DomainError) return false;
            throw error;
          },
        );
        if (!added) query = '?files=refused';
      }
      this.pages.redirect(reply, `/my/appeals/${appeal.id}/registered${query}`);
    } finally {
      await form.discard();
    }
  }

  /** After the confirmation: the number, the due date and the confirmation PDF. */
  @Get('my/appeals/:id/registered')
  async registered(
    @Param('id', IdParamPipe) id: string,
    @Query('files') files: string | undefined,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const { appeal, extras } = await this.cases.load(actor, id);
    this.pages.send(
      reply,
      registeredPage(ctx, {
        id: appeal.id,
        registrationNumber: appeal.registrationNumber,
        receivedOn: appeal.receivedOn,
        reviewDueDate: appeal.reviewDueDate,
        agencyName: extras.agencyName(appeal.agencyId),
        filesRefused: files === 'refused',
      }),
    );
  }

  @Get('my/appeals')
  async myAppeals(
    @Query('cursor') cursor: string | undefined,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const query = await validated(ListAppealsQuery, { cursor, limit: '50' });
    const [page, agencyName] = await Promise.all([this.cases.appeals.list(actor, query), this.cases.agencyNames()]);
    const items = page.items.map((appeal) => ({ appeal, workingDaysLeft: this.cases.workingDaysLeft(appeal) }));
    this.pages.send(reply, myAppealsPage(ctx, { items, nextCursor: page.nextCursor, agencyName, now: this.cases.now() }));
  }

  @Get('my/appeals/:id')
  async myAppeal(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    this.pages.send(reply, await this.casePage(ctx, id));
  }

  /** A document of a case for its applicant or the staff who see it; AttachmentsService applies the API's access check. */
  @Get(['my/appeals/:id/attachments/:attachmentId', 'office/appeals/:id/attachments/:attachmentId'])
  @PageFor('citizen', ...STAFF_ROLES)
  async download(
    @Param('id', IdParamPipe) id: string,
    @Param('attachmentId', IdParamPipe) attachmentId: string,
    @Viewer() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.cases.sendAttachment(actor, id, attachmentId, reply);
  }

  /** The registration confirmation (Art. 7.1: number and terms) for the applicant. */
  @Get('my/appeals/:id/registration.pdf')
  myRegistrationPdf(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.pdf(actor, request, reply, id, 'registration');
  }

  /** The same for the staff who see the case (their case page links it); another agency's staff get 404. */
  @Get('office/appeals/:id/registration.pdf')
  @PageFor(...STAFF_ROLES)
  officeRegistrationPdf(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.pdf(actor, request, reply, id, 'registration');
  }

  /** The reasoned answer (Art. 7.5), once given. */
  @Get('my/appeals/:id/answer.pdf')
  myAnswerPdf(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.pdf(actor, request, reply, id, 'answer');
  }

  @Get('office/appeals/:id/answer.pdf')
  @PageFor(...STAFF_ROLES)
  officeAnswerPdf(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.pdf(actor, request, reply, id, 'answer');
  }

  /** Art. 8.1: the applicant withdraws; the case is left without consideration, ground "withdrawn". */
  @Post('my/appeals/:id/withdraw')
  async withdraw(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const result = await attempt(ctx.texts, 'withdraw', {}, () => this.actions.withdraw(actor, id));
    if (!result.ok) return this.pages.send(reply, await this.casePage(ctx, id, result.state), result.status);
    this.pages.redirect(reply, `/my/appeals/${id}`);
  }

  @Post('my/appeals/:id/feedback')
  async feedback(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const fields = urlencoded(request);
    const values = { satisfied: text(fields, 'satisfied'), comment: text(fields, 'comment') };
    const result = await attempt(ctx.texts, 'feedback', values, async () => {
      const satisfied = values.satisfied === 'yes' ? true : values.satisfied === 'no' ? false : values.satisfied;
      return this.actions.feedback(actor, id, await validated(FeedbackDto, { satisfied, comment: optional(values.comment) }));
    });
    if (!result.ok) return this.pages.send(reply, await this.casePage(ctx, id, result.state), result.status);
    this.pages.redirect(reply, `/my/appeals/${id}`);
  }

  /** A case PDF in the page's language, through the same access check as the case page (404 for anyone who may not see it). */
  private async pdf(
    actor: Actor,
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    kind: 'registration' | 'answer',
  ): Promise<void> {
    const t = this.pages.context(request, reply).texts;
    const { appeal, extras } = await this.cases.load(actor, id);
    if (kind === 'registration')
      return sendPdf(reply, `${appeal.registrationNumber}-registration.pdf`, await registrationPdf(t, appeal, extras, this.cases.now()));
    if (!extras.answer) throw new DomainError('NOT_FOUND', 'This case has no answer yet.');
    await sendPdf(reply, `${appeal.registrationNumber}-answer.pdf`, await answerPdf(t, appeal, extras, extras.answer, this.cases.now()));
  }

  private async casePage(ctx: PageContext, id: string, state?: FormState): Promise<SafeHtml> {
    // The history in words, as on the staff page, with the roles (not the names) of those who acted.
    const [{ appeal, extras }, history] = await Promise.all([this.cases.load(ctx.actor!, id), this.history.load(ctx.actor!, id)]);
    const allowed = allowedTransitions(appeal.status, ctx.actor!.role);
    const feedbackGiven = appeal.history.some((e) => e.type === 'feedback');
    return citizenCasePage(ctx, {
      appeal,
      extras,
      history,
      state,
      canWithdraw: allowed.includes('withdraw'),
      canGiveFeedback: allowed.includes('feedback') && !feedbackGiven,
      feedbackGiven,
    });
  }

  private async appealForm(ctx: PageContext, state: FormState): Promise<SafeHtml> {
    const t = ctx.texts;
    const agencies = (await this.agencies.list()).map((a) => ({ value: a.id, label: t.agencyName(a) }));
    agencies.sort((a, b) => a.label.localeCompare(b.label, t.lang));
    const unverified = this.config.requireEmailVerification && ctx.actor?.session?.emailVerified === false;
    return appealFormPage(ctx, { agencies, state, unverified });
  }
}

/** The draft's values as the pages carry them: the appeal form's fields only (never the token, never the files). */
function draftValues(fields: FormFields): Record<string, string> {
  return Object.fromEntries(DRAFT_FIELDS.map((k): [string, string] => [k, text(fields, k)]).filter(([, v]) => v !== ''));
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
