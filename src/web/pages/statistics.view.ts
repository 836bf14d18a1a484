import { APPEAL_TYPES, CHANNELS } from '../../appeals/domain/appeal-types';
import type { AppealStatistics } from '../../evaluation/appeal-statistics.service';
import type { Breakdown } from '../../evaluation/domain/appeal-statistics';
import { html, SafeHtml } from '../html';
import { Texts } from '../i18n';
import { FormState, formMessage, input, layout, PageContext, select } from '../layout';

/** The filter as the page shows it (what was asked, valid or not). */
export interface StatisticsFilter {
  readonly from: string;
  readonly to: string;
  readonly agencyId: string;
}

/**
 * appeals-rules.md 18: the statistics page. A filter (months and agency), then tables with
 * captions: per month and agency (outcomes and on-time rates), by type, by channel.
 */
export function statisticsPage(
  ctx: PageContext,
  data: { filter: StatisticsFilter; agencies: AppealStatistics['agencies']; stats?: AppealStatistics; state?: FormState },
): SafeHtml {
  const t = ctx.texts;
  const { filter, stats, state } = data;
  const query = new URLSearchParams({
    from: filter.from,
    to: filter.to,
    ...(filter.agencyId ? { agencyId: filter.agencyId } : {}),
  }).toString();
  return layout(ctx, {
    title: t.msg('statistics.title'),
    body: html`<h1>${t.msg('statistics.title')}</h1>
<p>${t.msg('statistics.intro')}</p>
<form method="get" action="/statistics" class="filters" novalidate>
${formMessage(state, 'statistics')}
${input({ form: 'statistics', name: 'from', label: t.msg('statistics.from'), hint: t.msg('statistics.monthHint'), value: filter.from, state, maxLength: 7 })}
${input({ form: 'statistics', name: 'to', label: t.msg('statistics.to'), hint: t.msg('statistics.monthHint'), value: filter.to, state, maxLength: 7 })}
${select({
  form: 'statistics',
  name: 'agencyId',
  label: t.msg('statistics.agency'),
  options: data.agencies.map((a) => ({ value: a.id, label: t.agencyName(a) })),
  placeholder: t.msg('statistics.allAgencies'),
  value: filter.agencyId,
  state,
})}
<button type="submit">${t.msg('statistics.show')}</button>
</form>
${
  stats
    ? html`<p>${t.msg('statistics.download')}: <a href="/statistics/appeals.csv?${query}" download>CSV</a> · <a href="/statistics/appeals.xlsx?${query}" download>XLSX</a></p>
${monthTable(t, stats)}
${breakdownTables(t, stats.totals, stats.from, stats.to)}
<p class="hint">${t.msg('statistics.note')}</p>`
    : ''
}`,
  });
}

function rateText(t: Texts, rate: number | null, part: number, whole: number): string {
  return whole === 0 ? '—' : t.msg('statistics.rateOf', { rate: t.percent(rate), part, whole });
}

/*
 * A wide table scrolls sideways on a phone: its wrapper is focusable and named by the heading, so a
 * keyboard can scroll it too (WCAG 2.1.1; axe "scrollable-region-focusable").
 */
function monthTable(t: Texts, stats: AppealStatistics): SafeHtml {
  const caption = t.msg('statistics.byMonth', { from: stats.from, to: stats.to });
  if (stats.items.length === 0) return html`<h2>${caption}</h2><p class="no-data">${t.msg('statistics.empty')}</p>`;
  const total = stats.totals;
  return html`<h2 id="by-month">${caption}</h2><div class="table-wrap" tabindex="0" role="region" aria-labelledby="by-month"><table data-table="by-month"><caption>${caption}</caption>
<thead><tr><th scope="col">${t.msg('statistics.month')}</th><th scope="col">${t.msg('statistics.agency')}</th><th scope="col">${t.msg(
    'statistics.received',
  )}</th><th scope="col">${t.msg('status.answered')}</th><th scope="col">${t.msg('status.referred')}</th><th scope="col">${t.msg(
    'status.left_without_consideration',
  )}</th><th scope="col">${t.msg('statistics.open')}</th><th scope="col">${t.msg('statistics.onTimeReview')}</th><th scope="col">${t.msg(
    'statistics.onTimeReferral',
  )}</th></tr></thead><tbody>
${stats.items.map(
  (i) =>
    html`<tr data-month="${i.month}" data-agency="${i.agencyId}"><th scope="row">${i.month}</th><td>${i.agencyName}</td><td>${i.received}</td><td>${i.byOutcome.answered}</td><td>${
      i.byOutcome.referred
    }</td><td>${i.byOutcome.leftWithoutConsideration}</td><td>${i.byOutcome.open}</td><td>${rateText(t, i.onTimeReviewRate, i.reviewedOnTime, i.reviewCohort)}</td><td>${rateText(
      t,
      i.onTimeReferralRate,
      i.referredOnTime,
      i.referralCohort,
    )}</td></tr>`,
)}</tbody>
<tfoot><tr data-total><th scope="row" colspan="2">${t.msg('statistics.total')}</th><td>${total.received}</td><td>${total.byOutcome.answered}</td><td>${
    total.byOutcome.referred
  }</td><td>${total.byOutcome.leftWithoutConsideration}</td><td>${total.byOutcome.open}</td><td>${rateText(
    t,
    total.onTimeReviewRate,
    total.reviewedOnTime,
    total.reviewCohort,
  )}</td><td>${rateText(t, total.onTimeReferralRate, total.referredOnTime, total.referralCohort)}</td></tr></tfoot></table></div>`;
}

function breakdownTables(t: Texts, totals: Breakdown, from: string, to: string): SafeHtml {
  const share = (n: number) => (totals.received === 0 ? '—' : t.percent(n / totals.received));
  const table = (id: string, caption: string, head: string, rows: ReadonlyArray<[string, string, number]>) =>
    html`<h2 id="${id}">${caption}</h2><div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}"><table data-table="${id}"><caption>${caption}</caption>
<thead><tr><th scope="col">${head}</th><th scope="col">${t.msg('statistics.received')}</th><th scope="col">${t.msg('statistics.share')}</th></tr></thead>
<tbody>${rows.map(([key, label, n]) => html`<tr data-key="${key}"><th scope="row">${label}</th><td>${n}</td><td>${share(n)}</td></tr>`)}</tbody></table></div>`;
  return html`${table(
    'by-type',
    t.msg('statistics.byType', { from, to }),
    t.msg('statistics.type'),
    APPEAL_TYPES.map((type) => [type, t.msg(`type.${type}`), totals.byType[type]]),
  )}
${table(
  'by-channel',
  t.msg('statistics.byChannel', { from, to }),
  t.msg('statistics.channel'),
  CHANNELS.map((c) => [c, t.msg(`statistics.channels.${c}`), totals.byChannel[c]]),
)}`;
}
