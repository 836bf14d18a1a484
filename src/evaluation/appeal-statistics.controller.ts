import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../platform/openapi/problem-responses';
import { AppealStatisticsService, XLSX_TYPE } from './appeal-statistics.service';
import { AppealStatisticsDto, AppealStatisticsQuery } from './dto/appeal-statistics.dto';

/** appeals-rules.md 18: the statistics agencies keep on appeals, per month and agency. */
@ApiTags('statistics')
@ApiExtraModels(AppealStatisticsDto)
@Controller('api/v1/statistics')
export class AppealStatisticsController {
  constructor(private readonly statistics: AppealStatisticsService) {}

  @ApiBearerAuth()
  @Roles('registrar', 'official', 'supervisor', 'admin')
  @Get('appeals')
  @ApiProblems(401, 403, 404, 422)
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOkResponse({
    description: 'Counts by type, channel and outcome with on-time rates, per month and agency; as JSON, CSV or XLSX (`format`).',
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/AppealStatisticsDto' } },
      'text/csv': { schema: { type: 'string', maxLength: 10_000_000 } },
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary', maxLength: 10_000_000 } },
    },
  })
  async appeals(@CurrentActor() actor: Actor, @Query() query: AppealStatisticsQuery, @Res() reply: FastifyReply): Promise<void> {
    const { format = 'json', ...filter } = query;
    if (format === 'json') {
      await reply.header('cache-control', 'no-store').send(await this.statistics.compute(actor, filter));
      return;
    }
    const file = await this.statistics.file(actor, { ...filter, format });
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.content);
  }
}
