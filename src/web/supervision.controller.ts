import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { html, SafeHtml } from './html';
import { Colour, Texts } from './i18n';
import { colourCell, csrfField, dateText, FormState, formMessage, layout, PageContext } from './layout';
import { indexCell, methodologyNote, rankRows, responsivenessColour, trendChart } from './pages/evaluation.view';
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
    private readonly clock: Clock,
  ) {}

  /** `?minCohort=` as in the API's evaluation (API.md; default 20): the smallest cohort that is ranked and coloured. */
  @Get()
  async dashboard(@Query('minCohort') minCohort: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.pages.require(request, ['supervisor']);
    this.pages.send(reply, await this.render(this.pages.context(request, reply), undefined, parseMinCohort(minCohort)));
  }

  @Post('alerts/:id/acknowledge')
  async acknowledge(@Param('id', IdParamPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['supervisor']);
    const ctx = this.pages.context(request, reply);
    const result = await attempt(ctx.texts, `alert-${id}`, {}, () => this.alerts.acknowledge(actor, id));
    if (!result.ok) return this.pages.send(reply, await this.render(ctx, result.state), result.status);
    this.pages.redirect(reply, '/supervision');
  }

  /** The dashboard's table as CSV (one row per agency; aggregates only). */
  @Get('export.csv')
  async export(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = this.pages.require(request, ['supervisor']);
    const period = this.period();
    const rows = await this.evaluation.agencies(period, { agencyIds: await this.cases.appeals.supervisedBy(actor) });
    const header = ['agency', 'from', 'to', 'dueCohort', 'onTime', 'onTimeReviewRate', 'referralCohort', 'onTimeReferralRate', 'index', 'colour', 'insufficientData', 'openOverdue', 'digitisationShare', 'digitisationColour'];
    const lines = rankRows(rows).map((row) => {
      const r = row.responsiveness;
      return [row.agencyName, row.from, row.to, r.dueCohort, r.onTime, r.onTimeReviewRate, r.referralCohort, r.onTimeReferralRate, r.index === null ? null : Math.round(r.index * 10) / 10, r.colour, r.insufficientData, r.openOverdue, row.digitisation?.share ?? null, row.digitisation?.colour ?? null];
    });
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="evaluation-${period.from}-${period.to}.csv"`)
      .header('cache-control', 'no-store')
      .send([header, ...lines].map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n');
  }

  private async render(ctx: PageContext, state?: FormState, minCohort?: number): Promise<SafeHtml> {
    const t = ctx.texts;
    const actor = ctx.actor!;
    const period = this.period();
    const agencyIds = await this.cases.appeals.supervisedBy(actor);
    const [rows, trend, counts, alerts] = await Promise.all([
      this.evaluation.agencies(period, { agencyIds, minCohort }),
      this.evaluation.monthlyOnTime(agencyIds, 12),
      this.cases.appeals.counts(actor),
      this.alerts.available ? this.alerts.list(actor) : Promise.resolve([]),
    ]);
    const agencyName = await this.cases.agencyNames();
    return layout(ctx, {
      title: t.t('Nəzarət paneli', 'Supervision dashboard'),
      body: html`<h1>${t.t('Nəzarət paneli', 'Supervision dashboard')}</h1>
<section aria-labelledby="alerts"><h2 id="alerts">${t.t('Xəbərdarlıqlar', 'Alerts')}</h2>
${
  !this.alerts.available
    ? html`<p>${t.t('Müddət xəbərdarlıqları xidməti hələ qoşulmayıb.', 'The deadline alert service is not connected yet.')}</p>`
    : alerts.length === 0
      ? html`<p>${t.t('Xəbərdarlıq yoxdur.', 'No alerts.')}</p>`
      : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t.t('İş', 'Case')}</th><th scope="col">${t.t('Növ', 'Kind')}</th><th scope="col">${t.t(
          'Qurum',
          'Agency',
        )}</th><th scope="col">${t.t('Son vaxt', 'Due at')}</th><th scope="col">${t.t('Vəziyyət', 'State')}</th></tr></thead><tbody>
${alerts.map(
  (a) => html`<tr data-alert="${a.id}"><td><a href="/office/appeals/${a.appealId}">${a.registrationNumber}</a></td><td>${a.kind}</td><td>${agencyName(a.agencyId)}</td>
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
<p><a href="/supervision/export.csv">${t.t('CSV kimi yüklə', 'Download as CSV')}</a></p>
${lightsTable(t, period, rankRows(rows))}</section>
${trendChart(t, trend, t.t('Aylar üzrə vaxtında baxılma (sizin qurumlar)', 'On-time review by month (your agencies)'))}
${methodologyNote(t)}`,
    });
  }

  private period(): Period {
    const today = bakuDateOf(this.clock.now());
    return { from: monthStart(today, 11), to: today };
  }
}

/** Methodology sect. 3's dashboard row: N, M, share, maturity levels, corruption score, plus responsiveness (sect. 5). */
function lightsTable(t: Texts, period: Period, rows: readonly AgencyEvaluation[]): SafeHtml {
  const pending = t.t('qiymətləndirmədən gözlənilir', 'awaiting the evaluation');
  return html`<div class="table-wrap"><table><caption>${t.t(`Dövr: ${period.from} — ${period.to}`, `Period: ${period.from} to ${period.to}`)}</caption>
<thead><tr><th scope="col">${t.t('Qurum', 'Agency')}</th><th scope="col">N</th><th scope="col">M</th><th scope="col">${t.t('Rəqəmsallaşma payı', 'Digitisation share')}</th>
<th scope="col">${t.t('Cavabdehlik indeksi', 'Responsiveness index')}</th><th scope="col">${t.t('Yetkinlik səviyyələri (0-5)', 'Maturity levels (0-5)')}</th>
<th scope="col">${t.t('Korrupsiya balı', 'Corruption score')}</th><th scope="col">${t.t('Vaxtı keçmiş', 'Overdue')}</th></tr></thead><tbody>
${rows.map((row) => {
  const d = row.digitisation;
  const digitisationColour: Colour = d?.colour ?? 'none';
  return html`<tr data-colour="${responsivenessColour(row)}" data-agency="${row.agencyId}"><th scope="row"><a href="/agencies/${row.agencyId}">${row.agencyName}</a></th>
<td>${d ? d.servicesTotal : '—'}</td><td>${d ? d.servicesElectronic : '—'}</td>
${colourCell(t, digitisationColour, d ? t.percent(d.share) : pending)}
${indexCell(t, row)}
<td>${row.maturityLevels ? row.maturityLevels.map((n, level) => `${level}: ${n}`).join(', ') : pending}</td>
<td>${row.corruption ? `${row.corruption.meanScore.toFixed(1)} (${row.corruption.band})` : pending}</td>
<td>${row.responsiveness.openOverdue}</td></tr>`;
})}</tbody></table></div>`;
}

/** A missed deadline is red, one about to be missed yellow; acknowledged ones no longer call for action. */
function alertColour(kind: string, acknowledgedAt: string | null): Colour {
  if (acknowledgedAt) return 'none';
  return /overdue|missed/.test(kind) ? 'red' : 'yellow';
}

function parseMinCohort(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : undefined;
}

/** CSV cells quoted; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let cell = String(value);
  if (/^[=+\-@\t\r]/.test(cell) && typeof value === 'string') cell = `'${cell}`;
  return /[",\r\n']/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
