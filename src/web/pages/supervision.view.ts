import { PeriodRow } from '../../evaluation/assessments.service';
import { AgencyDetail } from '../../evaluation/evaluation-results.service';
import { html, SafeHtml } from '../html';
import { Colour, Texts } from '../i18n';
import { csrfField, dateText, FormState, formMessage, layout, PageContext, select } from '../layout';
import { AgencyEvaluation, AlertView, MonthlyOnTime } from '../read-models';
import {
  corruptionCell,
  digitisationCell,
  indexCell,
  isRanked,
  maturityCell,
  methodologyNote,
  rankRows,
  responsivenessColour,
  trendChart,
} from './evaluation.view';

/** What the supervisor's dashboard shows (appeals-rules.md 17; methodology sect. 3 and 5). */
export interface DashboardData {
  readonly period: { from: string; to: string; name?: string };
  readonly periods: readonly PeriodRow[];
  readonly periodId?: string;
  readonly minCohort?: number;
  readonly rows: readonly AgencyEvaluation[];
  readonly trend: readonly MonthlyOnTime[];
  readonly counts: { overdue: number; registered: number; inReview: number };
  readonly alerts: readonly AlertView[];
  readonly agencyName: (id: string | null) => string;
}

const ALERT_KINDS = ['referral_due', 'review_warning', 'review_due', 'overdue', 'escalation', 'notice_due'] as const;

export function dashboardPage(ctx: PageContext, data: DashboardData, state?: FormState): SafeHtml {
  const t = ctx.texts;
  const { period } = data;
  const caption = period.name
    ? t.msg('dashboard.namedPeriod', { name: period.name, from: period.from, to: period.to })
    : t.msg('dashboard.period', { from: period.from, to: period.to });
  return layout(ctx, {
    title: t.msg('dashboard.title'),
    body: html`<h1>${t.msg('dashboard.title')}</h1>
${alertsSection(ctx, data, state)}
<section aria-labelledby="load"><h2 id="load">${t.msg('dashboard.caseload')}</h2>
<p>${t.msg('dashboard.openOverdue')}: <strong data-colour="${data.counts.overdue > 0 ? 'red' : 'green'}">${data.counts.overdue}</strong> · ${t.msg(
      'status.in_review',
    )}: ${data.counts.inReview} · ${t.msg('status.registered')}: ${data.counts.registered}</p>
<p><a href="/statistics">${t.msg('dashboard.statisticsLink')}</a></p></section>
<section aria-labelledby="lights"><h2 id="lights">${t.msg('dashboard.lights')}</h2>
${periodPicker(t, data.periods, data.periodId)}
<p>${t.msg('dashboard.download')}: <a href="/supervision/export.csv${exportQuery(data)}">CSV</a> · <a href="/supervision/export.xlsx${exportQuery(
      data,
    )}">XLSX</a></p>
${lightsTable(t, caption, rankRows(data.rows), drillQuery(data))}</section>
${trendChart(t, data.trend, t.msg('dashboard.trend.titleAll'))}
${methodologyNote(t)}`,
  });
}

function alertsSection(ctx: PageContext, data: DashboardData, state?: FormState): SafeHtml {
  const t = ctx.texts;
  if (data.alerts.length === 0) {
    return html`<section aria-labelledby="alerts"><h2 id="alerts">${t.msg('dashboard.alerts')}</h2><p>${t.msg('dashboard.noAlerts')}</p></section>`;
  }
  return html`<section aria-labelledby="alerts"><h2 id="alerts">${t.msg('dashboard.alerts')}</h2>
<div class="table-wrap"><table><caption>${t.msg('dashboard.alerts')}</caption><thead><tr><th scope="col">${t.msg('dashboard.case')}</th><th scope="col">${t.msg(
    'dashboard.alertKind',
  )}</th><th scope="col">${t.msg('dashboard.agency')}</th><th scope="col">${t.msg('dashboard.dueAt')}</th><th scope="col">${t.msg(
    'dashboard.alertState',
  )}</th></tr></thead><tbody>
${data.alerts.map((a) => {
  const kind = ALERT_KINDS.find((k) => k === a.kind);
  const colour = alertColour(a.kind, a.acknowledgedAt);
  return html`<tr data-alert="${a.id}"><th scope="row"><a href="/office/appeals/${a.appealId}">${a.registrationNumber}</a></th><td>${
    kind ? t.msg(`dashboard.alertKinds.${kind}`) : a.kind
  }</td><td>${data.agencyName(a.agencyId)}</td>
${alertCell(t, colour, dateText(a.dueAt))}
<td>${
    a.acknowledgedAt
      ? t.msg('dashboard.acknowledged', { at: dateText(a.acknowledgedAt) })
      : html`<form method="post" action="/supervision/alerts/${a.id}/acknowledge">${csrfField(ctx)}${formMessage(state, `alert-${a.id}`)}<button type="submit">${t.msg(
          'dashboard.acknowledge',
        )}</button></form>`
  }</td></tr>`;
})}</tbody></table></div></section>`;
}

/**
 * Methodology sect. 3's dashboard row: N, M, share, maturity levels, corruption score, plus
 * responsiveness (sect. 5). Ranked rows first; the grey rows (no index, or too small a cohort)
 * follow as their own group, under a row saying why they are not ranked.
 */
function lightsTable(t: Texts, caption: string, rows: readonly AgencyEvaluation[], query: string): SafeHtml {
  const ranked = rows.filter(isRanked);
  const grey = rows.filter((r) => !isRanked(r));
  const head = html`<thead><tr><th scope="col">${t.msg('dashboard.agency')}</th><th scope="col">N</th><th scope="col">M</th><th scope="col">${t.msg(
    'dashboard.share',
  )}</th><th scope="col">${t.msg('dashboard.index')}</th><th scope="col">${t.msg('dashboard.maturity')}</th><th scope="col">${t.msg(
    'dashboard.corruption',
  )}</th><th scope="col">${t.msg('dashboard.overdue')}</th></tr></thead>`;
  return html`<div class="table-wrap"><table class="lights"><caption>${caption}</caption>
${head}
<tbody class="ranked">${ranked.map((row) => lightsRow(t, row, query))}</tbody>
${
  grey.length
    ? html`<tbody class="unranked"><tr><th scope="rowgroup" colspan="8" id="unranked">${t.plural('dashboard.unranked', grey.length)}</th></tr>
${grey.map((row) => lightsRow(t, row, query))}</tbody>`
    : ''
}</table></div>`;
}

function lightsRow(t: Texts, row: AgencyEvaluation, query: string): SafeHtml {
  const d = row.digitisation;
  return html`<tr data-colour="${responsivenessColour(row)}" data-agency="${row.agencyId}"><th scope="row"><a href="/supervision/agencies/${row.agencyId}${query}">${row.agencyName}</a></th>
<td>${d ? d.servicesTotal : '—'}</td><td>${d ? d.servicesElectronic : '—'}</td>
${digitisationCell(t, d)}
${indexCell(t, row)}
${maturityCell(t, row.maturityLevels)}
${corruptionCell(t, row.corruption)}
<td>${row.responsiveness.openOverdue}</td></tr>`;
}

/** One agency in depth: its lights, each indicator's value, the e-services and the trend. */
export function agencyPage(
  ctx: PageContext,
  data: {
    row: AgencyEvaluation;
    detail: AgencyDetail;
    trend: readonly MonthlyOnTime[];
    period: { from: string; to: string; name?: string };
    backQuery: string;
  },
): SafeHtml {
  const t = ctx.texts;
  const { row, detail, trend, period } = data;
  const r = detail.responsiveness;
  const caption = period.name
    ? t.msg('dashboard.namedPeriod', { name: period.name, from: period.from, to: period.to })
    : t.msg('dashboard.period', { from: period.from, to: period.to });
  const evidence = (key: '4' | '11') => {
    const e = detail.evidence[key];
    return e.fromData === null
      ? t.msg('dashboard.drill.evidenceNone')
      : e.fromData
        ? t.msg('dashboard.drill.yes')
        : t.msg('dashboard.drill.no');
  };
  const rateOf = (rate: number | null, part: number, whole: number) =>
    whole === 0 ? t.msg('dashboard.noData') : t.msg('dashboard.drill.rateOf', { rate: t.percent(rate), part, whole });
  return layout(ctx, {
    title: row.agencyName,
    body: html`<p><a href="/supervision${data.backQuery}">${t.msg('dashboard.drill.back')}</a></p>
<h1>${row.agencyName}</h1>
<section aria-labelledby="agency-lights"><h2 id="agency-lights">${t.msg('dashboard.drill.lights')}</h2>
<div class="table-wrap"><table class="lights"><caption>${caption}</caption><tbody>
<tr><th scope="row">${t.msg('dashboard.index')}</th>${indexCell(t, row)}</tr>
<tr><th scope="row">${t.msg('dashboard.share')}</th>${digitisationCell(t, row.digitisation)}</tr>
<tr><th scope="row">${t.msg('dashboard.maturity')}</th>${maturityCell(t, row.maturityLevels)}</tr>
<tr><th scope="row">${t.msg('dashboard.corruption')}</th>${corruptionCell(t, row.corruption)}</tr>
</tbody></table></div></section>
<section aria-labelledby="agency-indicators"><h2 id="agency-indicators">${t.msg('dashboard.drill.indicators')}</h2>
<div class="table-wrap"><table><caption>${caption}</caption><tbody>
<tr><th scope="row">${t.msg('dashboard.drill.onTimeReview')}</th><td data-indicator="review">${rateOf(r.onTimeReviewRate, r.onTime, r.dueCohort)}</td></tr>
<tr><th scope="row">${t.msg('dashboard.drill.onTimeReferral')}</th><td data-indicator="referral">${
      r.referralCohort === 0
        ? t.msg('dashboard.noData')
        : t.msg('dashboard.drill.rateOfCohort', { rate: t.percent(r.onTimeReferralRate), whole: r.referralCohort })
    }</td></tr>
<tr><th scope="row">${t.msg('dashboard.drill.pending')}</th><td>${r.pending}</td></tr>
<tr><th scope="row">${t.msg('dashboard.drill.daysToAnswer')}</th><td>${r.medianWorkingDaysToAnswer ?? '—'} / ${r.p90WorkingDaysToAnswer ?? '—'}</td></tr>
<tr><th scope="row">${t.msg('dashboard.drill.extensionRate')}</th><td>${t.percent(r.extensionRate)}</td></tr>
<tr><th scope="row">${t.msg('dashboard.drill.satisfaction')}</th><td>${t.percent(r.satisfactionRate)}</td></tr>
<tr><th scope="row">${t.msg('dashboard.overdue')}</th><td>${r.openOverdue}</td></tr>
<tr><th scope="row">${t.msg('dashboard.drill.indicator4')}</th><td>${evidence('4')}</td></tr>
<tr><th scope="row">${t.msg('dashboard.drill.indicator11')}</th><td>${evidence('11')}</td></tr>
</tbody></table></div></section>
<section aria-labelledby="agency-services"><h2 id="agency-services">${t.msg('dashboard.drill.services')}</h2>
${
  detail.services.length === 0
    ? html`<p>${t.msg('dashboard.drill.noServices')}</p>`
    : html`<div class="table-wrap"><table><caption>${t.msg('dashboard.drill.services')}</caption><thead><tr><th scope="col">${t.msg(
        'dashboard.drill.registryNumber',
      )}</th><th scope="col">${t.msg('dashboard.drill.service')}</th><th scope="col">${t.msg('dashboard.drill.level')}</th><th scope="col">${t.msg(
        'dashboard.drill.corruptionScore',
      )}</th><th scope="col">${t.msg('dashboard.drill.complaints')}</th></tr></thead><tbody>
${detail.services.map(
  (s) =>
    html`<tr><td>${s.registryNumber}</td><th scope="row">${s.name}</th><td>${s.assessment ? String(s.assessment.level) : t.msg('dashboard.noSelfAssessment')}</td><td>${
      s.assessment ? String(s.assessment.corruptionScore) : '—'
    }</td><td>${s.complaints}</td></tr>`,
)}</tbody></table></div>`
}</section>
${trendChart(t, trend, t.msg('dashboard.trend.titleAgency'))}
${methodologyNote(t)}`,
  });
}

/** The due date with the alert's one status text: overdue, due soon, or dealt with. */
function alertCell(t: Texts, colour: Colour, due: string): SafeHtml {
  const status =
    colour === 'red'
      ? t.msg('dashboard.alertLight.red')
      : colour === 'yellow'
        ? t.msg('dashboard.alertLight.yellow')
        : t.msg('dashboard.alertLight.none');
  return html`<td class="light light-${colour}" data-colour="${colour}"><span class="dot" aria-hidden="true"></span> ${due} — ${status}</td>`;
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
  label: t.msg('dashboard.evaluationPeriod'),
  options: periods.map((p) => ({ value: p.id, label: `${p.name} (${p.startsOn} — ${p.endsOn})` })),
  placeholder: t.msg('dashboard.lastTwelveMonths'),
  value: chosen,
})}
<button type="submit">${t.msg('dashboard.show')}</button></form>`;
}

/** The dashboard's own choices carried to its export links. */
function exportQuery(query: { minCohort?: number; periodId?: string }): string {
  const params = new URLSearchParams();
  if (query.periodId) params.set('period', query.periodId);
  if (query.minCohort) params.set('minCohort', String(query.minCohort));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The drill-down keeps the dashboard's period and cohort, and its way back returns to them. */
export function drillQuery(query: { minCohort?: number; periodId?: string }): string {
  return exportQuery(query);
}
