import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../auth/actor';
import { AssessmentsService } from '../evaluation/assessments.service';
import { EvaluationExportService } from '../evaluation/evaluation-export.service';
import { EvaluationResultsService } from '../evaluation/evaluation-results.service';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { SafeHtml } from './html';
import { FormState, PageContext } from './layout';
import { PageFor, Viewer } from './page-access';
import { agencyPage, dashboardPage, drillQuery } from './pages/supervision.view';
import { AlertsReadModel, EvaluationReadModel, monthStart, Period } from './read-models';
import { WebCases } from './web-cases';
import { WebController } from './web-controller';
import { attempt, WebPages } from './web-pages';

interface DashboardQuery {
  readonly minCohort?: number;
  readonly periodId?: string;
}

/** Supervisors (appeals-rules.md 17): alerts to acknowledge, the traffic-light dashboard of their agencies and each agency in depth. */
@WebController('supervision')
@PageFor('supervisor')
export class SupervisionPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly cases: WebCases,
    private readonly evaluation: EvaluationReadModel,
    private readonly results: EvaluationResultsService,
    private readonly alerts: AlertsReadModel,
    private readonly assessments: AssessmentsService,
    private readonly exports: EvaluationExportService,
    private readonly clock: Clock,
  ) {}

  /**
   * `?minCohort=` as in the API's evaluation (API.md; default 20): the smallest cohort that is ranked
   * and coloured. `?period=` an evaluation period: its dates, self-assessments and N/M (sect. 1:
   * evaluation runs per period); without one, the last twelve months and the period overlapping them.
   */
  @Get()
  async dashboard(
    @Query('minCohort') minCohort: string | undefined,
    @Query('period') periodId: string | undefined,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    this.pages.send(reply, await this.render(ctx, actor, undefined, { minCohort: parseMinCohort(minCohort), periodId }));
  }

  /** One agency of the supervisor's scope in depth; outside the scope it is 404, as in the API. */
  @Get('agencies/:id')
  async agency(
    @Param('id', IdParamPipe) id: string,
    @Query('minCohort') minCohort: string | undefined,
    @Query('period') periodId: string | undefined,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const query = { minCohort: parseMinCohort(minCohort), periodId };
    const period = await this.period(periodId);
    // agencyDetail checks the scope (supervisors: their subtree) before reading anything.
    const detail = await this.results.agencyDetail(actor, id, { from: period.from, to: period.to, minCohort: query.minCohort });
    const [[row], trend] = await Promise.all([
      this.evaluation.agencies(period, { agencyIds: [id], minCohort: query.minCohort }),
      this.evaluation.monthlyOnTime([id], 12),
    ]);
    this.pages.send(reply, agencyPage(ctx, { row, detail, trend, period, backQuery: drillQuery(query) }));
  }

  // Alert ids are numbers, not UUIDs: the alerts service itself answers 404 for anything else.
  @Post('alerts/:id/acknowledge')
  async acknowledge(
    @Param('id') id: string,
    @Viewer() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const result = await attempt(ctx.texts, `alert-${id}`, {}, () => this.alerts.acknowledge(actor, id));
    if (!result.ok) return this.pages.send(reply, await this.render(ctx, actor, result.state), result.status);
    this.pages.redirect(reply, '/supervision');
  }

  /**
   * The API's league exports (EvaluationExportService: same columns, same access scope) behind the
   * page session: the API wants a bearer token, which a browser signed in by cookie does not hold.
   */
  @Get('export.csv')
  async exportCsv(
    @Query('period') periodId: string | undefined,
    @Query('minCohort') minCohort: string | undefined,
    @Viewer() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.export('csv', periodId, minCohort, actor, reply);
  }

  @Get('export.xlsx')
  async exportXlsx(
    @Query('period') periodId: string | undefined,
    @Query('minCohort') minCohort: string | undefined,
    @Viewer() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.export('xlsx', periodId, minCohort, actor, reply);
  }

  private async export(
    format: 'csv' | 'xlsx',
    periodId: string | undefined,
    minCohort: string | undefined,
    actor: Actor,
    reply: FastifyReply,
  ): Promise<void> {
    const { from, to } = await this.period(periodId);
    const file = await this.exports.league(actor, { from, to, format, minCohort: parseMinCohort(minCohort) });
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.content);
  }

  private async render(ctx: PageContext, actor: Actor, state?: FormState, query: DashboardQuery = {}): Promise<SafeHtml> {
    const [period, periods, agencyIds] = await Promise.all([
      this.period(query.periodId),
      this.assessments.listPeriods(),
      this.cases.appeals.supervisedBy(actor),
    ]);
    const [rows, trend, counts, alerts, agencyName] = await Promise.all([
      this.evaluation.agencies(period, { agencyIds, minCohort: query.minCohort }),
      this.evaluation.monthlyOnTime(agencyIds, 12),
      this.cases.appeals.counts(actor),
      this.alerts.list(actor),
      this.cases.agencyNames(),
    ]);
    return dashboardPage(
      ctx,
      {
        period,
        periods,
        periodId: query.periodId,
        minCohort: query.minCohort,
        rows,
        trend,
        counts: { overdue: counts.overdue, registered: counts.byStatus.registered, inReview: counts.byStatus.in_review },
        alerts,
        agencyName,
      },
      state,
    );
  }

  /** The chosen evaluation period's dates, or the last twelve months up to today. */
  private async period(periodId: string | undefined): Promise<Period & { name?: string }> {
    const chosen = periodId ? (await this.assessments.listPeriods()).find((p) => p.id === periodId) : undefined;
    if (chosen) return { from: chosen.startsOn, to: chosen.endsOn, name: chosen.name };
    const today = bakuDateOf(this.clock.now());
    return { from: monthStart(today, 11), to: today };
  }
}

function parseMinCohort(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : undefined;
}
