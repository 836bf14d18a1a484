import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InfrastructureResultDto, MaturityResultDto, PeriodListDto } from './dto/evaluation-responses.dto';
import type { FastifyReply } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { ExportQuery, InfrastructureRequestDto, LeagueQuery, MaturityRequestDto, ResultsQuery } from './dto/evaluation.dto';
import { EvaluationExportService } from './evaluation-export.service';
import { AgencyDetail, EvaluationResultsService, LeagueTable, PeriodResults } from './evaluation-results.service';
import { EvaluationCalculatorService } from './evaluation-calculator.service';
import { PeriodRow } from './assessments.repository';
import { ApiProblems } from '../platform/openapi/problem-responses';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Results and calculators (API.md "Evaluation"). */
@ApiTags('evaluation')
@Controller('api/v1/evaluation')
export class EvaluationController {
  constructor(
    private readonly results: EvaluationResultsService,
    private readonly exports: EvaluationExportService,
    private readonly calculator: EvaluationCalculatorService,
  ) {}

  /** The calculator agencies use to check a self-assessment (sect. 2). */
  @Public()
  @Post('maturity')
  @HttpCode(200)
  @ApiProblems(400, 422)
  @ApiOkResponse({ type: MaturityResultDto })
  maturity(@Body() body: MaturityRequestDto): ReturnType<EvaluationCalculatorService['maturity']> {
    return this.calculator.maturity(body.answers);
  }

  /** The e-infrastructure index of an expert survey (sect. 4). */
  @Public()
  @Post('infrastructure')
  @HttpCode(200)
  @ApiProblems(400, 422)
  @ApiOkResponse({ type: InfrastructureResultDto })
  infrastructure(@Body() body: InfrastructureRequestDto): ReturnType<EvaluationCalculatorService['infrastructure']> {
    return this.calculator.infrastructure(body.answers);
  }

  @ApiBearerAuth()
  @Roles('supervisor', 'admin')
  @Get('agencies')
  @ApiProblems(401, 403, 422)
  league(@CurrentActor() actor: Actor, @Query() query: LeagueQuery): Promise<LeagueTable> {
    return this.results.league(actor, query);
  }

  /** CSV or XLSX of the league table (static route: Fastify matches it before `:id`). */
  @ApiBearerAuth()
  @Roles('supervisor', 'admin')
  @Get('agencies/export')
  @ApiProblems(401, 403, 422)
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOkResponse({
    description: 'CSV or XLSX of the league table.',
    content: {
      'text/csv': { schema: { type: 'string', maxLength: 10_000_000 } },
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary', maxLength: 10_000_000 } },
    },
  })
  async export(@CurrentActor() actor: Actor, @Query() query: ExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.exports.league(actor, query);
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .send(file.content);
  }

  @ApiBearerAuth()
  @Roles('supervisor', 'admin')
  @Get('agencies/:id')
  @ApiProblems(401, 403, 404, 422)
  agency(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Query() query: LeagueQuery): Promise<AgencyDetail> {
    return this.results.agencyDetail(actor, id, query);
  }

  /** `view=published` (default): the frozen snapshot; `view=draft`: computed now. */
  @ApiBearerAuth()
  @Roles('supervisor', 'admin')
  @Get('periods/:id/results')
  @ApiProblems(401, 403, 404, 422)
  periodResults(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Query() query: ResultsQuery): Promise<PeriodResults> {
    return this.results.periodResults(actor, id, query.view ?? 'published');
  }

  /** Published periods, for the public portal (no auth). */
  @Public()
  @Get('public/periods')
  @ApiOkResponse({ type: PeriodListDto })
  async publicPeriods(): Promise<{ items: PeriodRow[] }> {
    return { items: await this.results.publishedPeriods() };
  }

  /** A published period, anonymised: agencies only, small cohorts withheld (no auth). */
  @Public()
  @Get('public/periods/:id')
  @ApiProblems(404)
  publicPeriod(@Param('id', IdParamPipe) id: string): Promise<PeriodResults> {
    return this.results.publicPeriod(id);
  }
}
