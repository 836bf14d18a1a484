import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  EServiceDto,
  EServiceListDto,
  InfrastructureResultDto,
  PeriodDto,
  PeriodListDto,
  PublishedPeriodDto,
  SelfAssessmentImportDto,
  SelfAssessmentListDto,
  SelfAssessmentView,
} from './dto/evaluation-responses.dto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { DomainError } from '../platform/errors/domain-error';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { PeriodRow, SelfAssessmentRow } from './assessments.repository';
import { AssessmentsService } from './assessments.service';
import { EServiceRow } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import {
  AgencyServicesDto,
  CreateEServiceDto,
  CreatePeriodDto,
  EServicesQuery,
  InfrastructureRequestDto,
  SelfAssessmentDto,
  UpdateEServiceDto,
} from './dto/evaluation.dto';
import { ApiProblems } from '../platform/openapi/problem-responses';

/** A filled template is a few tens of KiB; anything near this is not one. */
export const SPREADSHEET_MAX_BYTES = 2 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The evaluation's inputs: catalogue, periods, N/M, self-assessments (API and .xlsx), expert survey, publishing. */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/v1/evaluation')
export class EvaluationAdminController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly assessments: AssessmentsService,
  ) {}

  @Public()
  @Get('e-services')
  @ApiProblems(422)
  @ApiOkResponse({ type: EServiceListDto })
  async listServices(@Query() query: EServicesQuery): Promise<{ items: EServiceRow[] }> {
    return { items: await this.catalogue.list(query.agencyId) };
  }

  @Roles('admin')
  @Post('e-services')
  @HttpCode(201)
  @ApiProblems(400, 401, 403, 409, 422)
  @ApiCreatedResponse({ type: EServiceDto })
  createService(@CurrentActor() actor: Actor, @Body() body: CreateEServiceDto): Promise<EServiceRow> {
    return this.catalogue.create(actor, body);
  }

  @Roles('admin')
  @Patch('e-services/:id')
  @ApiProblems(400, 401, 403, 404, 422)
  @ApiOkResponse({ type: EServiceDto })
  updateService(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: UpdateEServiceDto): Promise<EServiceRow> {
    return this.catalogue.update(actor, id, body);
  }

  @Roles('registrar', 'official', 'supervisor', 'admin')
  @Get('periods')
  @ApiProblems(401, 403)
  @ApiOkResponse({ type: PeriodListDto })
  async listPeriods(): Promise<{ items: PeriodRow[] }> {
    return { items: await this.assessments.listPeriods() };
  }

  @Roles('admin')
  @Post('periods')
  @HttpCode(201)
  @ApiProblems(400, 401, 403, 422)
  @ApiCreatedResponse({ type: PeriodDto })
  createPeriod(@CurrentActor() actor: Actor, @Body() body: CreatePeriodDto): Promise<PeriodRow> {
    return this.assessments.createPeriod(actor, body);
  }

  /** Sect. 3: N (services that can be made electronic) and optionally M, per agency and period. */
  @Roles('supervisor', 'admin')
  @Put('periods/:id/agencies/:agencyId/services-count')
  @HttpCode(204)
  @ApiProblems(400, 401, 403, 404, 422)
  async setServicesCount(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Param('agencyId', IdParamPipe) agencyId: string,
    @Body() body: AgencyServicesDto,
  ): Promise<void> {
    await this.assessments.setAgencyServices(actor, id, agencyId, body);
  }

  @Roles('registrar', 'official', 'supervisor', 'admin')
  @Put('periods/:id/self-assessments/:eServiceId')
  @ApiProblems(400, 401, 403, 404, 422)
  @ApiOkResponse({ type: SelfAssessmentView })
  putSelfAssessment(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Param('eServiceId', IdParamPipe) eServiceId: string,
    @Body() body: SelfAssessmentDto,
  ): Promise<SelfAssessmentRow> {
    return this.assessments.putSelfAssessment(actor, id, eServiceId, body.answers);
  }

  @Roles('registrar', 'official', 'supervisor', 'admin')
  @Get('periods/:id/agencies/:agencyId/self-assessments')
  @ApiProblems(401, 403, 404)
  @ApiOkResponse({ type: SelfAssessmentListDto })
  async listSelfAssessments(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Param('agencyId', IdParamPipe) agencyId: string,
  ): Promise<{ items: SelfAssessmentRow[] }> {
    return { items: await this.assessments.listSelfAssessments(actor, id, agencyId) };
  }

  /** The pre-filled template of the agency's e-services for the period. */
  @Roles('registrar', 'official', 'supervisor', 'admin')
  @Get('periods/:id/agencies/:agencyId/self-assessment.xlsx')
  @ApiProblems(401, 403, 404)
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description: 'The pre-filled .xlsx template.',
    content: { [XLSX]: { schema: { type: 'string', format: 'binary', maxLength: SPREADSHEET_MAX_BYTES } } },
  })
  async exportTemplate(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Param('agencyId', IdParamPipe) agencyId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.assessments.exportTemplate(actor, id, agencyId);
    await reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.content);
  }

  /** multipart/form-data with one part "file": the filled template. All rows or none (422 with row and column). */
  @Roles('registrar', 'official', 'supervisor', 'admin')
  @Post('periods/:id/agencies/:agencyId/self-assessment.xlsx')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', maxLength: SPREADSHEET_MAX_BYTES, description: 'The filled .xlsx template.' },
      },
    },
  })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422)
  @ApiOkResponse({ type: SelfAssessmentImportDto })
  async importTemplate(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Param('agencyId', IdParamPipe) agencyId: string,
    @Req() request: FastifyRequest,
  ): Promise<{ imported: number; items: SelfAssessmentRow[] }> {
    if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the spreadsheet as multipart/form-data.');
    const part = await request.file({ limits: { fileSize: SPREADSHEET_MAX_BYTES, files: 1 } });
    if (!part) throw DomainError.field('VALIDATION_FAILED', 'file', 'Send the spreadsheet in the "file" field.');
    const content = await part.toBuffer();
    if (part.file.truncated) throw new DomainError('PAYLOAD_TOO_LARGE', `The spreadsheet may be at most ${SPREADSHEET_MAX_BYTES} bytes.`);
    return this.assessments.importTemplate(actor, id, agencyId, content);
  }

  /** Sect. 4: the expert survey of the period. */
  @Roles('admin')
  @Put('periods/:id/infrastructure')
  @ApiProblems(400, 401, 403, 404, 422)
  @ApiOkResponse({ type: InfrastructureResultDto })
  putInfrastructure(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() body: InfrastructureRequestDto,
  ): Promise<object> {
    return this.assessments.putInfrastructure(actor, id, body.answers);
  }

  @Roles('admin')
  @Post('periods/:id/publish')
  @HttpCode(201)
  @ApiProblems(400, 401, 403, 404, 409, 422)
  @ApiCreatedResponse({ type: PublishedPeriodDto })
  publish(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): ReturnType<AssessmentsService['publish']> {
    return this.assessments.publish(actor, id);
  }
}
