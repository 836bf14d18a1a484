import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { OPEN_DATA_CSV, OpenDataItem, OpenDataPeriod, openDataPackage, openDataRows } from './domain/open-data';
import { EvaluationResultsService } from './evaluation-results.service';
import { csvTable } from './spreadsheet';
import { ApiProblems } from '../platform/openapi/problem-responses';

/**
 * Open data of published periods, beside the public JSON view (no auth): a CSV and its
 * Frictionless datapackage.json. Both read the same anonymised public view; 404 before publishing.
 */
@ApiTags('evaluation')
@Controller('api/v1/evaluation/public/periods')
export class OpenDataController {
  constructor(
    private readonly results: EvaluationResultsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':id/datapackage.json')
  @ApiProblems(404)
  @ApiOkResponse({ description: 'Frictionless Data Package descriptor of the CSV.', schema: { type: 'object' } })
  async datapackage(@Param('id', IdParamPipe) id: string): Promise<object> {
    const { period } = await this.load(id);
    return openDataPackage(period, this.baseUrl(id));
  }

  @Public()
  @Get(`:id/${OPEN_DATA_CSV}`)
  @ApiProduces('text/csv')
  @ApiProblems(404)
  @ApiOkResponse({ description: 'The open-data CSV.', content: { 'text/csv': { schema: { type: 'string', maxLength: 10_000_000 } } } })
  async csv(@Param('id', IdParamPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { period, items } = await this.load(id);
    const { header, rows } = openDataRows(period, items);
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="evaluation-${period.startsOn}-${period.endsOn}.csv"`)
      .send(csvTable(header, rows));
  }

  private async load(id: string): Promise<{ period: OpenDataPeriod; items: readonly OpenDataItem[] }> {
    const view = await this.results.publicPeriod(id);
    return {
      period: {
        id: view.period.id,
        name: view.period.name,
        startsOn: view.period.startsOn,
        endsOn: view.period.endsOn,
        publishedAt: view.publishedAt as string,
        methodologyVersion: view.methodologyVersion,
      },
      items: view.items,
    };
  }

  private baseUrl(id: string): string {
    return `${this.config.publicUrl}/api/v1/evaluation/public/periods/${id}`;
  }
}
