import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { IsUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor } from '../auth/actor';
import { AssessmentsService } from '../evaluation/assessments.service';
import { CatalogueService } from '../evaluation/catalogue.service';
import { AgencyServicesDto, CreateEServiceDto, CreatePeriodDto, UpdateEServiceDto } from '../evaluation/dto/evaluation.dto';
import { SPREADSHEET_MAX_BYTES } from '../evaluation/evaluation-admin.controller';
import { EvaluationResultsService } from '../evaluation/evaluation-results.service';
import { MethodologyService } from '../evaluation/methodology.service';
import { CellError } from '../evaluation/spreadsheet';
import { DomainError, FieldError } from '../platform/errors/domain-error';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { readSpooled, SpoolLimits } from '../platform/http/upload-spool';
import { ConstraintError } from '../platform/http/validation';
import { SafeHtml } from './html';
import { Texts } from './i18n';
import { FormState, PageContext } from './layout';
import { PageFor, Viewer } from './page-access';
import { cataloguePage, eServicePage, periodPage, publishPage } from './pages/evaluation-admin.view';
import { MultipartForm, optional, readMultipart, text, urlencoded, validated } from './web-forms';
import { FormFields } from './web-http';
import { WebController } from './web-controller';
import { attempt, WebPages } from './web-pages';

/** The page forms name the agency in a field where the API has it in the path: same rule, a UUID. */
class AgencyChoice {
  @IsUUID()
  agencyId: string;
}

class ServicesCountForm extends AgencyServicesDto {
  @IsUUID()
  agencyId: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One spreadsheet, as large as the API takes it. */
const SPREADSHEET_UPLOAD: SpoolLimits = {
  maxFiles: 1,
  maxFileBytes: SPREADSHEET_MAX_BYTES,
  maxTotalBytes: SPREADSHEET_MAX_BYTES,
  field: 'file',
  tooLarge: 'ATTACHMENT_TOO_LARGE',
  tooMany: 'VALIDATION_FAILED',
};

/**
 * Admin pages of the evaluation (methodology sect. 1-4): e-service catalogue, periods, N/M per
 * agency, the self-assessment spreadsheet round-trip, the expert survey and publishing. Each form
 * calls the same service method, with the same DTO, as the API route beside it.
 */
@WebController('admin/evaluation')
@PageFor('admin')
export class EvaluationAdminPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly catalogue: CatalogueService,
    private readonly assessments: AssessmentsService,
    private readonly results: EvaluationResultsService,
    private readonly methodology: MethodologyService,
    private readonly agencies: AgenciesService,
  ) {}

  @Get()
  async home(
    @Query('agencyId') agencyId: string | undefined,
    @Query('done') done: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    this.pages.send(reply, await this.cataloguePage(ctx, agencyId, undefined, savedNotice(ctx.texts, done)));
  }

  @Post('e-services')
  async createService(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const values = pick(urlencoded(request), ['registryNumber', 'name', 'nameEn', 'agencyId']);
    const result = await attempt(ctx.texts, 'e-service', values, async () =>
      this.catalogue.create(actor, await validated(CreateEServiceDto, { ...values, nameEn: optional(values.nameEn) })),
    );
    if (!result.ok) return this.pages.send(reply, await this.cataloguePage(ctx, undefined, result.state), result.status);
    this.pages.redirect(reply, `/admin/evaluation?agencyId=${result.value.agencyId}&done=e-service`);
  }

  @Get('e-services/:id')
  async editService(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.pages.send(reply, await this.servicePage(this.pages.context(request, reply), id));
  }

  @Post('e-services/:id')
  async updateService(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const values = pick(urlencoded(request), ['name', 'nameEn', 'agencyId', 'active']);
    const result = await attempt(ctx.texts, 'e-service-edit', values, async () => {
      const active = values.active === 'true' ? true : values.active === 'false' ? false : optional(values.active);
      const body = { name: optional(values.name), nameEn: optional(values.nameEn), agencyId: optional(values.agencyId), active };
      return this.catalogue.update(actor, id, await validated(UpdateEServiceDto, body));
    });
    if (!result.ok) return this.pages.send(reply, await this.servicePage(ctx, id, result.state), result.status);
    this.pages.redirect(reply, `/admin/evaluation?agencyId=${result.value.agencyId}&done=e-service`);
  }

  @Post('periods')
  async createPeriod(@Viewer() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const values = pick(urlencoded(request), ['name', 'startsOn', 'endsOn']);
    const result = await attempt(ctx.texts, 'period', values, async () =>
      this.assessments.createPeriod(actor, await validated(CreatePeriodDto, values)),
    );
    if (!result.ok) return this.pages.send(reply, await this.cataloguePage(ctx, undefined, result.state), result.status);
    this.pages.redirect(reply, `/admin/evaluation/periods/${result.value.id}?done=period`);
  }

  @Get('periods/:id')
  async period(
    @Param('id', IdParamPipe) id: string,
    @Query('done') done: string | undefined,
    @Query('index') index: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    // Sect. 4: the index is shown to 2 decimals (the worked example's 0.58).
    const notice =
      done === 'infrastructure' && /^[01](\.\d{1,2})?$/.test(index ?? '')
        ? t.msg('evaluationAdmin.surveySaved', { index: index ?? '' })
        : done === 'upload' && /^\d{1,4}$/.test(index ?? '')
          ? t.msg('evaluationAdmin.sheetAccepted', { services: t.plural('evaluationAdmin.services', Number(index)) })
          : savedNotice(t, done);
    this.pages.send(reply, await this.periodPage(ctx, id, undefined, notice));
  }

  /** Sect. 3 N and M of one agency (the API's PUT .../agencies/:agencyId/services-count). */
  @Post('periods/:id/services-count')
  async servicesCount(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const values = pick(urlencoded(request), ['agencyId', 'servicesTotal', 'servicesElectronic']);
    const result = await attempt(ctx.texts, 'services-count', values, async () => {
      const form = await validated(ServicesCountForm, {
        agencyId: values.agencyId,
        servicesTotal: integer(values.servicesTotal),
        servicesElectronic: integer(values.servicesElectronic),
      });
      await this.assessments.setAgencyServices(actor, id, form.agencyId, {
        servicesTotal: form.servicesTotal,
        servicesElectronic: form.servicesElectronic,
      });
    });
    if (!result.ok) return this.pages.send(reply, await this.periodPage(ctx, id, result.state), result.status);
    this.pages.redirect(reply, `/admin/evaluation/periods/${id}?done=services-count`);
  }

  /** The agency's pre-filled template (seed 004 sect. 1.2's Excel workflow). */
  @Get('periods/:id/self-assessment.xlsx')
  async template(
    @Param('id', IdParamPipe) id: string,
    @Query('agencyId') agencyId: string | undefined,
    @Viewer() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = await validated(AgencyChoice, { agencyId: agencyId ?? '' });
    const file = await this.assessments.exportTemplate(actor, id, form.agencyId);
    await reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.content);
  }

  /** A filled template: all rows or none; a refused sheet's errors (row, column) are listed at the file field. */
  @Post('periods/:id/self-assessment.xlsx')
  @MultipartForm()
  async upload(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const upload = await readMultipart(request, this.pages.session, SPREADSHEET_UPLOAD);
    const values = { agencyId: text(upload.fields, 'agencyId') };
    const result = await attempt(t, 'upload', values, async () => {
      const form = await validated(AgencyChoice, values);
      if (upload.files.length === 0) throw DomainError.field('VALIDATION_FAILED', 'file', t.msg('evaluationAdmin.period.chooseFile'));
      try {
        return await this.assessments.importTemplate(actor, id, form.agencyId, await readSpooled(upload.files[0]));
      } catch (error) {
        if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
          throw new DomainError(
            error.code,
            t.msg('evaluationAdmin.period.sheetErrors'),
            error.errors.map((e) => atFileField(t, e)),
          );
        }
        throw error;
      }
    }).finally(() => upload.discard());
    if (!result.ok) return this.pages.send(reply, await this.periodPage(ctx, id, result.state), result.status);
    this.pages.redirect(reply, `/admin/evaluation/periods/${id}?done=upload&index=${result.value.imported}`);
  }

  /** Sect. 4's expert survey; percentages typed as 0-100 are handed over as the fractions the service takes. */
  @Post('periods/:id/infrastructure')
  async infrastructure(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const questions = this.methodology.current.infrastructure.questions;
    const fields = urlencoded(request);
    const values = pick(
      fields,
      questions.map((q) => `answers.${q.id}`),
    );
    const result = await attempt(ctx.texts, 'infrastructure', values, async () => {
      const answers: Record<string, boolean | number> = {};
      const errors: ConstraintError[] = [];
      for (const q of questions) {
        const value = values[`answers.${q.id}`];
        if (value === '') continue; // the service names each missing answer
        if (q.kind === 'yesNo') answers[q.id] = value === 'yes';
        else if (/^\d{1,3}(\.\d+)?$/.test(value) && Number(value) <= 100) answers[q.id] = Number(value) / 100;
        else errors.push({ field: `answers.${q.id}`, message: 'must be a percentage from 0 to 100', constraint: 'max' });
      }
      if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', 'The survey has errors; see the fields marked.', errors);
      return (await this.assessments.putInfrastructure(actor, id, answers)) as { rounded: { index: number } };
    });
    if (!result.ok) return this.pages.send(reply, await this.periodPage(ctx, id, result.state), result.status);
    this.pages.redirect(reply, `/admin/evaluation/periods/${id}?done=infrastructure&index=${result.value.rounded.index}`);
  }

  /** The confirmation step: publishing freezes the period for good. */
  @Get('periods/:id/publish')
  async confirmPublish(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const period = await this.results.period(id);
    this.pages.send(reply, publishPage(ctx, period));
  }

  @Post('periods/:id/publish')
  async publish(
    @Param('id', IdParamPipe) id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    // Only the confirmation page's form says yes; any other post goes back to it.
    if (text(urlencoded(request), 'confirm') !== 'yes') return this.pages.redirect(reply, `/admin/evaluation/periods/${id}/publish`);
    const result = await attempt(ctx.texts, 'publish', {}, () => this.assessments.publish(actor, id));
    if (!result.ok) {
      const period = await this.results.period(id);
      return this.pages.send(reply, publishPage(ctx, period, result.state), result.status);
    }
    this.pages.redirect(reply, `/admin/evaluation/periods/${id}?done=publish`);
  }

  private async cataloguePage(ctx: PageContext, agencyId: string | undefined, state?: FormState, notice?: string): Promise<SafeHtml> {
    const agencies = await this.agencies.list();
    const filter = agencies.some((a) => a.id === agencyId) ? agencyId : undefined;
    const [services, periods] = await Promise.all([this.catalogue.list(filter), this.assessments.listPeriods()]);
    return cataloguePage(ctx, { agencies, services, periods, filter }, state, notice);
  }

  private async servicePage(ctx: PageContext, id: string, state?: FormState): Promise<SafeHtml> {
    const [service, agencies] = await Promise.all([this.catalogue.get(id), this.agencies.list()]);
    return eServicePage(ctx, { service, agencies }, state);
  }

  private async periodPage(ctx: PageContext, id: string, state?: FormState, notice?: string): Promise<SafeHtml> {
    const period = await this.results.period(id);
    const [agencies, league] = await Promise.all([
      this.agencies.list(),
      this.results.compute({ from: period.startsOn, to: period.endsOn, scope: null }),
    ]);
    return periodPage(ctx, { period, agencies, items: league.items, methodology: this.methodology.current }, state, notice);
  }
}

function pick(fields: FormFields, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, text(fields, name)]));
}

/** A whole number typed in a form; anything else goes to the DTO as typed, so its rule names the problem. */
function integer(value: string): number | string | undefined {
  return value === '' ? undefined : /^-?\d{1,9}$/.test(value) ? Number(value) : value;
}

function savedNotice(t: Texts, done: string | undefined): string | undefined {
  if (done === 'publish') return t.msg('evaluationAdmin.published');
  return done ? t.msg('evaluationAdmin.saved') : undefined;
}

/** A sheet error (row and column, as Excel shows them) listed at the upload field. */
function atFileField(t: Texts, error: FieldError): FieldError {
  const cell = error as Partial<CellError>;
  const message = cell.row
    ? t.msg('evaluationAdmin.period.cell', { row: cell.row, column: cell.column ?? '', message: error.message })
    : error.message;
  return { field: 'file', message };
}
