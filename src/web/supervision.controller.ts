import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { AssessmentsService, PeriodRow } from '../evaluation/assessments.service';
import { EvaluationExportService } from '../evaluation/evaluation-export.service';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { html, SafeHtml } from './html';
import { Colour, Texts } from './i18n';
import { colourCell, csrfField, dateText, FormState, formMessage, layout, PageContext, select } from './layout';
import {
  corruptionCell,
  indexCell,
  maturityCell,
  methodologyNote,
  rankRows,
  responsivenessColour,
  trendChart,
} from './pages/evaluation.view';
import { AgencyEvaluation, AlertsReadModel, EvaluationReadModel, monthStart, Period } from './read-models';
import { WebCases } from './web-cases';
import { attempt, CsrfGuard, WebExceptionFilter, WebPages } from './web-pages';

/** Supervisors (appeals-rules.md 17): alerts to acknowledge and the traffic-light dashboard of their agencies. */
@ApiExcludeController()
@Public()
@UseGuards(CsrfGuard)
@UseFilters(WebExceptionFilter)
@Controller('supervision')
export class SupervisionPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly cases: WebCases,
    private readonly evaluation: EvaluationReadModel,
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
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.pages.require(request, ['supervisor']);
    this.pages.send(
      reply,
      await this.render(this.pages.context(request, reply), undefined, { minCohort: parseMinCohort(minCohort), periodId }),
    );
  }

  // Alert ids are numbers, not UUIDs: the alerts service itself answers 404 for anything else.
  @Post('alerts/:id/acknowledge')
  async acknowledge(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['supervisor']);
    const ctx = this.pages.context(request, reply);
    const result = await attempt(ctx.texts, `alert-${id}`, {}, () => this.alerts.acknowledge(actor, id));
    if (!result.ok) return this.pages.send(reply, await this.render(ctx, result.state), result.status);
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
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.export('csv', periodId, minCohort, request, reply);
  }

  @Get('export.xlsx')
  async exportXlsx(
    @Query('period') periodId: string | undefined,
    @Query('minCohort') minCohort: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.export('xlsx', periodId, minCohort, request, reply);
  }

  private async export(
    format: 'csv' | 'xlsx',
    periodId: string | undefined,
    minCohort: string | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const actor = this.pages.require(request, ['supervisor']);
    const { from, to } = await this.period(periodId);
    const file = await this.exports.league(actor, { from, to, format, minCohort: parseMinCohort(minCohort) });
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.content);
  }

  private async render(ctx: PageContext, state?: FormState, query: { minCohort?: number; periodId?: string } = {}): Promise<SafeHtml> {
    const t = ctx.texts;
    const actor = ctx.actor!;
    const { minCohort } = query;
    const [period, periods] = await Promise.all([this.period(query.periodId), this.assessments.listPeriods()]);
    const agencyIds = await this.cases.appeals.supervisedBy(actor);
    const [rows, trend, counts, alerts] = await Promise.all([
      this.evaluation.agencies(period, { agencyIds, minCohort }),
      this.evaluation.monthlyOnTime(agencyIds, 12),
      this.cases.appeals.counts(actor),
      this.alerts.list(actor),
    ]);
    const agencyName = await this.cases.agencyNames();
    return layout(ctx, {
      title: t.t('Nəzarət paneli', 'Supervision dashboard'),
      body: html`<h1>${t.t('Nəzarət paneli', 'Supervision dashboard')}</h1>
<section aria-labelledby="alerts"><h2 id="alerts">${t.t('Xəbərdarlıqlar', 'Alerts')}</h2>
${
  alerts.length === 0
    ? html`<p>${t.t('Xəbərdarlıq yoxdur.', 'No alerts.')}</p>`
    : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t.t('İş', 'Case')}</th><th scope="col">${t.t('Növ', 'Kind')}</th><th scope="col">${t.t(
        'Qurum',
        'Agency',
      )}</th><th scope="col">${t.t('Son vaxt', 'Due at')}</th><th scope="col">${t.t('Vəziyyət', 'State')}</th></tr></thead><tbody>
${alerts.map(
  (
    a,
  ) => html`<tr data-alert="${a.id}"><td><a href="/office/appeals/${a.appealId}">${a.registrationNumber}</a></td><td>${a.kind}</td><td>${agencyName(a.agencyId)}</td>
${colourCell(t, alertColour(a.kind, a.acknowledgedAt), dateText(a.dueAt))}
<td>${
    a.acknowledgedAt
      ? html`${t.t('Təsdiqlənib', 'Acknowledged')} ${dateText(a.acknowledgedAt)}`
      : html`<form method="post" action="/supervision/alerts/${a.id}/acknowledge">${csrfField(ctx)}${formMessage(state, `alert-${a.id}`)}<button type="submit">${t.t(
          'Təsdiqlə',
          'Acknowledge',
        )}</button></form>`
  }</td></tr>`,
)}</tbody></table></div>`
}</section>
<section aria-labelledby="load"><h2 id="load">${t.t('İş yükü', 'Caseload')}</h2>
<p>${t.t('Açıq vaxtı keçmiş işlər', 'Open overdue cases')}: <strong data-colour="${counts.overdue > 0 ? 'red' : 'green'}">${counts.overdue}</strong> · ${t.t(
        'Baxılır',
        'In review',
      )}: ${counts.byStatus.in_review} · ${t.t('Qeydiyyatda', 'Registered')}: ${counts.byStatus.registered}</p></section>
<section aria-labelledby="lights"><h2 id="lights">${t.t('Qurumlar üzrə işıqfor', 'Traffic lights by agency')}</h2>
${periodPicker(t, periods, query.periodId)}
<p>${t.t('Yüklə', 'Download')}: <a href="/supervision/export.csv${exportQuery(query)}">CSV</a> · <a href="/supervision/export.xlsx${exportQuery(query)}">XLSX</a></p>
${lightsTable(t, period.name ? `${period.name}: ${period.from} — ${period.to}` : t.t(`Dövr: ${period.from} — ${period.to}`, `Period: ${period.from} to ${period.to}`), rankRows(rows))}</section>
${trendChart(t, trend, t.t('Aylar üzrə vaxtında baxılma (sizin qurumlar)', 'On-time review by month (your agencies)'))}
${methodologyNote(t)}`,
    });
  }

  /** The chosen evaluation period's dates, or the last twelve months up to today. */
  private async period(periodId: string | undefined): Promise<Period & { name?: string }> {
    const chosen = periodId ? (await this.assessments.listPeriods()).find((p) => p.id === periodId) : undefined;
    if (chosen) return { from: chosen.startsOn, to: chosen.endsOn, name: chosen.name };
    const today = bakuDateOf(this.clock.now());
    return { from: monthStart(today, 11), to: today };
  }
}

/** Methodology sect. 3's dashboard row: N, M, share, maturity levels, corruption score, plus responsiveness (sect. 5). */
function lightsTable(t: Texts, caption: string, rows: readonly AgencyEvaluation[]): SafeHtml {
  return html`<div class="table-wrap"><table><caption>${caption}</caption>
<thead><tr><th scope="col">${t.t('Qurum', 'Agency')}</th><th scope="col">N</th><th scope="col">M</th><th scope="col">${t.t('Rəqəmsallaşma payı', 'Digitisation share')}</th>
<th scope="col">${t.t('Cavabdehlik indeksi', 'Responsiveness index')}</th><th scope="col">${t.t('Yetkinlik səviyyələri (0-5)', 'Maturity levels (0-5)')}</th>
<th scope="col">${t.t('Korrupsiya balı (orta)', 'Corruption score (mean)')}</th><th scope="col">${t.t('Vaxtı keçmiş', 'Overdue')}</th></tr></thead><tbody>
${rows.map((row) => {
  const d = row.digitisation;
  const digitisation = d
    ? colourCell(t, d.colour ?? 'none', t.percent(d.share))
    : colourCell(t, 'none', t.t('N daxil edilməyib', 'N not entered'));
  return html`<tr data-colour="${responsivenessColour(row)}" data-agency="${row.agencyId}"><th scope="row"><a href="/agencies/${row.agencyId}">${row.agencyName}</a></th>
<td>${d ? d.servicesTotal : '—'}</td><td>${d ? d.servicesElectronic : '—'}</td>
${digitisation}
${indexCell(t, row)}
${maturityCell(t, row.maturityLevels)}
${corruptionCell(t, row.corruption)}
<td>${row.responsiveness.openOverdue}</td></tr>`;
})}</tbody></table></div>`;
}

/** A missed deadline is red, one about to be missed yellow; acknowledged ones no longer call for action. */
function alertColour(kind: string, acknowledgedAt: string | null): Colour {
  if (acknowledgedAt) return 'none';
  return /overdue|missed/.test(kind) ? 'red' : 'yellow';
}

function periodPicker(t: Texts, periods: readonly PeriodRow[], chosen: string | undefined): SafeHtml {
  return html`<form method="get" action="/supervision" class="period">
${select({
  form: 'dashboard',
  name: 'period',
  label: t.t('Qiymətləndirmə dövrü', 'Evaluation period'),
  options: periods.map((p) => ({ value: p.id, label: `${p.name} (${p.startsOn} — ${p.endsOn})` })),
  placeholder: t.t('Son 12 ay', 'Last 12 months'),
  value: chosen,
})}
<button type="submit">${t.t('Göstər', 'Show')}</button></form>`;
}

/** The dashboard's own choices carried to its export links. */
function exportQuery(query: { minCohort?: number; periodId?: string }): string {
  const params = new URLSearchParams();
  if (query.periodId) params.set('period', query.periodId);
  if (query.minCohort) params.set('minCohort', String(query.minCohort));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseMinCohort(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : undefined;
}
