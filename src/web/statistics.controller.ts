import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { AppealStatisticsService } from '../evaluation/appeal-statistics.service';
import { AppealStatisticsQuery } from '../evaluation/dto/appeal-statistics.dto';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { PageFor, Viewer } from './page-access';
import { statisticsPage, StatisticsFilter } from './pages/statistics.view';
import { monthStart } from './read-models';
import { optional, validated } from './web-forms';
import { WebController } from './web-controller';
import { attempt, WebPages } from './web-pages';

/**
 * appeals-rules.md 18: the statistics agencies keep on appeals, as a page with a filter and as
 * CSV and XLSX downloads behind the page session. Scope as the API's: staff their agency,
 * supervisors the agencies under them, admins all (AppealStatisticsService.scopeOf).
 */
@WebController('statistics')
@PageFor('registrar', 'official', 'supervisor', 'admin')
export class StatisticsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly statistics: AppealStatisticsService,
    private readonly clock: Clock,
  ) {}

  /** Without a filter: the last twelve months, every agency in scope. */
  @Get()
  async page(
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Query('agencyId') agencyId: string | undefined,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const filter = this.filter(from, to, agencyId);
    const [agencies, result] = await Promise.all([
      this.statistics.agenciesOf(actor),
      attempt(ctx.texts, 'statistics', { ...filter }, async () => this.statistics.compute(actor, await this.query(filter))),
    ]);
    if (!result.ok) return this.pages.send(reply, statisticsPage(ctx, { filter, agencies, state: result.state }), result.status);
    this.pages.send(reply, statisticsPage(ctx, { filter, agencies, stats: result.value }));
  }

  @Get('appeals.csv')
  async csv(
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Query('agencyId') agencyId: string | undefined,
    @Viewer() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.download('csv', this.filter(from, to, agencyId), actor, reply);
  }

  @Get('appeals.xlsx')
  async xlsx(
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Query('agencyId') agencyId: string | undefined,
    @Viewer() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.download('xlsx', this.filter(from, to, agencyId), actor, reply);
  }

  private async download(format: 'csv' | 'xlsx', filter: StatisticsFilter, actor: Actor, reply: FastifyReply): Promise<void> {
    const file = await this.statistics.file(actor, { ...(await this.query(filter)), format });
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.content);
  }

  /** The filter as asked, with the last twelve months (Baku) for what is left out. */
  private filter(from: string | undefined, to: string | undefined, agencyId: string | undefined): StatisticsFilter {
    const today = bakuDateOf(this.clock.now());
    return {
      from: (from ?? '').trim() || monthStart(today, 11).slice(0, 7),
      to: (to ?? '').trim() || today.slice(0, 7),
      agencyId: (agencyId ?? '').trim(),
    };
  }

  private query(filter: StatisticsFilter): Promise<AppealStatisticsQuery> {
    return validated(AppealStatisticsQuery, { from: filter.from, to: filter.to, agencyId: optional(filter.agencyId) });
  }
}
