import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { Public } from '../auth/auth.decorators';
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
import { html, SafeHtml } from './html';
import { Texts } from './i18n';
import { csrfField, FormState, formMessage, layout, PageContext } from './layout';
import { agencyOptions, catalogueBody, eServiceFields, periodBody, publishBody } from './pages/evaluation-admin.view';
import { MultipartForm, optional, readMultipart, text, urlencoded, validated } from './web-forms';
import { FormFields } from './web-http';
import { attempt, CsrfGuard, WebExceptionFilter, WebPages } from './web-pages';

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
@ApiExcludeController()
@Public()
@UseGuards(CsrfGuard)
@UseFilters(WebExceptionFilter)
@Controller('admin/evaluation')
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
    this.pages.require(request, ['admin']);
    const ctx = this.pages.context(request, reply);
    this.pages.send(reply, await this.cataloguePage(ctx, agencyId, undefined, savedNotice(ctx.texts, done)));
  }

  @Post('e-services')
  async createService(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['admin']);
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
    this.pages.require(request, ['admin']);
    this.pages.send(reply, await this.servicePage(this.pages.context(request, reply), id));
  }

  @Post('e-services/:id')
  async updateService(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['admin']);
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
  async createPeriod(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['admin']);
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
    this.pages.require(request, ['admin']);
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    // Sect. 4: the index is shown to 2 decimals (the worked example's 0.58).
    const notice =
      done === 'infrastructure' && /^[01](\.\d{1,2})?$/.test(index ?? '')
        ? t.t(`Sorğu yadda saxlanıldı; e-infrastruktur indeksi ${index}.`, `Survey saved; e-infrastructure index ${index}.`)
        : done === 'upload' && /^\d{1,4}$/.test(index ?? '')
          ? t.t(`Cədvəl qəbul edildi: ${index} xidmət.`, `Spreadsheet accepted: ${index} services.`)
          : savedNotice(t, done);
    this.pages.send(reply, await this.periodPage(ctx, id, undefined, notice));
  }

  /** Sect. 3 N and M of one agency (the API's PUT .../agencies/:agencyId/services-count). */
  @Post('periods/:id/services-count')
  async servicesCount(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['admin']);
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
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const actor = this.pages.require(request, ['admin']);
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
  async upload(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['admin']);
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    const upload = await readMultipart(request, this.pages.session, SPREADSHEET_UPLOAD);
    const values = { agencyId: text(upload.fields, 'agencyId') };
    const result = await attempt(t, 'upload', values, async () => {
      const form = await validated(AgencyChoice, values);
      if (upload.files.length === 0)
        throw DomainError.field('VALIDATION_FAILED', 'file', t.t('Doldurulmuş .xlsx faylını seçin.', 'Choose the filled .xlsx file.'));
      try {
        return await this.assessments.importTemplate(actor, id, form.agencyId, await readSpooled(upload.files[0]));
      } catch (error) {
        if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
          throw new DomainError(
            error.code,
            t.t('Cədvəldə səhvlər var; heç nə yazılmadı.', 'The spreadsheet has errors; nothing was imported.'),
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
  async infrastructure(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['admin']);
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
    this.pages.require(request, ['admin']);
    const ctx = this.pages.context(request, reply);
    const period = await this.results.period(id);
    this.pages.send(reply, layout(ctx, { title: ctx.texts.t('Dövrü dərc etmək', 'Publish the period'), body: publishBody(ctx, period) }));
  }

  @Post('periods/:id/publish')
  async publish(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['admin']);
    const ctx = this.pages.context(request, reply);
    // Only the confirmation page's form says yes; any other post goes back to it.
    if (text(urlencoded(request), 'confirm') !== 'yes') return this.pages.redirect(reply, `/admin/evaluation/periods/${id}/publish`);
    const result = await attempt(ctx.texts, 'publish', {}, () => this.assessments.publish(actor, id));
    if (!result.ok) {
      const period = await this.results.period(id);
      return this.pages.send(
        reply,
        layout(ctx, { title: ctx.texts.t('Dövrü dərc etmək', 'Publish the period'), body: publishBody(ctx, period, result.state) }),
        result.status,
      );
    }
    this.pages.redirect(reply, `/admin/evaluation/periods/${id}?done=publish`);
  }

  private async cataloguePage(ctx: PageContext, agencyId: string | undefined, state?: FormState, notice?: string): Promise<SafeHtml> {
    const agencies = await this.agencies.list();
    const filter = agencies.some((a) => a.id === agencyId) ? agencyId : undefined;
    const [services, periods] = await Promise.all([this.catalogue.list(filter), this.assessments.listPeriods()]);
    return layout(ctx, {
      title: ctx.texts.t('Elektron xidmətlər və qiymətləndirmə', 'E-services and evaluation'),
      notice,
      body: catalogueBody(ctx, { agencies, services, periods, filter }, state),
    });
  }

  private async servicePage(ctx: PageContext, id: string, state?: FormState): Promise<SafeHtml> {
    const t = ctx.texts;
    const [service, agencies] = await Promise.all([this.catalogue.get(id), this.agencies.list()]);
    return layout(ctx, {
      title: t.t('Elektron xidməti düzəlt', 'Edit the e-service'),
      body: html`<h1>${t.t('Elektron xidməti düzəlt', 'Edit the e-service')}</h1>
${formMessage(state, 'e-service-edit')}
<form method="post" action="/admin/evaluation/e-services/${service.id}" novalidate>${csrfField(ctx)}
${eServiceFields(t, agencyOptions(agencies), state, 'e-service-edit', service)}
<button type="submit">${t.t('Yadda saxla', 'Save')}</button></form>
<p><a href="/admin/evaluation?agencyId=${service.agencyId}">${t.t('Kataloqa qayıt', 'Back to the catalogue')}</a></p>`,
    });
  }

  private async periodPage(ctx: PageContext, id: string, state?: FormState, notice?: string): Promise<SafeHtml> {
    const period = await this.results.period(id);
    const [agencies, league] = await Promise.all([
      this.agencies.list(),
      this.results.compute({ from: period.startsOn, to: period.endsOn, scope: null }),
    ]);
    return layout(ctx, {
      title: period.name,
      notice,
      body: periodBody(ctx, { period, agencies, items: league.items, methodology: this.methodology.current }, state),
    });
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
  if (done === 'publish') return t.t('Dövr dərc olundu.', 'The period is published.');
  return done ? t.t('Yadda saxlanıldı.', 'Saved.') : undefined;
}

/** A sheet error (row and column, as Excel shows them) listed at the upload field. */
function atFileField(t: Texts, error: FieldError): FieldError {
  const cell = error as Partial<CellError>;
  const where = cell.row ? `${t.t('Sətir', 'Row')} ${cell.row}, ${t.t('sütun', 'column')} ${cell.column}: ` : '';
  return { field: 'file', message: `${where}${error.message}` };
}
