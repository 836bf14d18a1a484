import { colourFor, DEFAULT_COLOUR_THRESHOLDS } from '../../evaluation/domain';
import { html, SafeHtml } from '../html';
import { Colour, Texts } from '../i18n';
import { AgencyEvaluation, MonthlyOnTime } from '../read-models';

/*
 * The evaluation's pieces shared by the supervision dashboard, its drill-down and the public
 * league table (methodology sect. 3 and 5). Every light says its status in one text: the figure
 * and the methodology's word for the colour, or why there is no colour ("no data", "insufficient
 * data"); never a word followed by the same word again.
 */

/** The light a row shows: none when there is no index, or too little data to rank (methodology sect. 5). */
export function responsivenessColour(row: AgencyEvaluation): Colour {
  const r = row.responsiveness;
  return r.colour && !r.insufficientData ? r.colour : 'none';
}

/** Whether a row is ranked: it has an index over a large enough cohort (sect. 5 fairness). */
export function isRanked(row: AgencyEvaluation): boolean {
  return row.responsiveness.index !== null && !row.responsiveness.insufficientData;
}

/**
 * A traffic-light cell (WCAG 1.4.1: the colour is never the only signal): a shape, and one status
 * text: "65% — Progressing" for a coloured light, or the reason a grey light has no colour.
 */
export function lightCell(t: Texts, colour: Colour, figure: string | null, reason?: string): SafeHtml {
  const status = colour === 'none' ? (reason ?? t.msg('dashboard.noData')) : lightWord(t, colour);
  const text = figure === null ? status : `${figure} — ${status}`;
  return html`<td class="light light-${colour}" data-colour="${colour}"><span class="dot" aria-hidden="true"></span> ${text}</td>`;
}

/** Sect. 3 names each light; the word is shown beside the colour. */
export function lightWord(t: Texts, colour: Exclude<Colour, 'none'>): string {
  return t.msg(`dashboard.light.${colour}`);
}

/** Sect. 5: a small cohort is grey "insufficient data" with no figure: never a red light on a handful of cases. */
export function indexCell(t: Texts, row: AgencyEvaluation): SafeHtml {
  const r = row.responsiveness;
  const cases = r.dueCohort + r.referralCohort;
  if (r.insufficientData && cases > 0) return lightCell(t, 'none', null, t.plural('dashboard.insufficientData', cases));
  if (r.index === null || r.insufficientData) return lightCell(t, 'none', null, t.msg('dashboard.noData'));
  return lightCell(t, responsivenessColour(row), `${Math.round(r.index)}%`);
}

/** Ranked first, by index; rows that may not be ranked follow, by name. */
export function rankRows(rows: readonly AgencyEvaluation[]): AgencyEvaluation[] {
  const ranked = rows.filter(isRanked);
  const rest = rows.filter((r) => !isRanked(r));
  ranked.sort((a, b) => (b.responsiveness.index ?? 0) - (a.responsiveness.index ?? 0) || a.agencyName.localeCompare(b.agencyName));
  rest.sort((a, b) => a.agencyName.localeCompare(b.agencyName));
  return [...ranked, ...rest];
}

export function methodologyNote(t: Texts): SafeHtml {
  return html`<section aria-labelledby="method"><h2 id="method">${t.msg('dashboard.method.title')}</h2>
<p>${t.msg('dashboard.method.index')}</p>
<p>${t.msg('dashboard.method.colours')}</p></section>`;
}

/**
 * The monthly on-time review rate as a small SVG line over the three colour bands, with the
 * same figures as a table for screen readers and anyone who cannot see the colours. With no
 * month to show, the chart says so in words instead of drawing empty bands.
 */
export function trendChart(t: Texts, points: readonly MonthlyOnTime[], caption: string, id = 'trend'): SafeHtml {
  const width = 360;
  const height = 160;
  const left = 30;
  const top = 10;
  const plotW = width - left - 10;
  const plotH = height - top - 30;
  const x = (i: number) => left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (rate: number) => top + plotH * (1 - rate);
  const known = points.map((p, i) => ({ ...p, i })).filter((p): p is MonthlyOnTime & { i: number; rate: number } => p.rate !== null);
  const { greenAbove, yellowAbove } = DEFAULT_COLOUR_THRESHOLDS;
  const colourOf = (rate: number | null): Colour => (rate === null ? 'none' : colourFor(rate, DEFAULT_COLOUR_THRESHOLDS));
  const empty = known.length === 0;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const description = empty
    ? t.msg('dashboard.trend.noData')
    : t.msg('dashboard.trend.desc', {
        months: known.length,
        last: known[known.length - 1].month,
        rate: t.percent(known[known.length - 1].rate),
      });
  return html`<section class="trend" aria-labelledby="${id}-heading" data-points="${known.length}">
<h2 id="${id}-heading">${caption}</h2>
<figure>
<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId} ${descId}">
<title id="${titleId}">${caption}</title>
<desc id="${descId}">${description}</desc>
${
  empty
    ? html`<rect class="no-data-area" x="${left}" y="${y(1)}" width="${plotW}" height="${plotH}" fill="#f4f4f4"></rect>
<text class="no-data" x="${left + plotW / 2}" y="${y(0.5)}" text-anchor="middle" font-size="14">${t.msg('dashboard.noData')}</text>`
    : html`<rect class="band-green" data-colour="green" x="${left}" y="${y(1)}" width="${plotW}" height="${y(greenAbove) - y(1)}"></rect>
<rect class="band-yellow" data-colour="yellow" x="${left}" y="${y(greenAbove)}" width="${plotW}" height="${y(yellowAbove) - y(greenAbove)}"></rect>
<rect class="band-red" data-colour="red" x="${left}" y="${y(yellowAbove)}" width="${plotW}" height="${y(0) - y(yellowAbove)}"></rect>`
}
<line class="axis" x1="${left}" y1="${y(0)}" x2="${left + plotW}" y2="${y(0)}"></line>
<line class="axis" x1="${left}" y1="${y(0)}" x2="${left}" y2="${y(1)}"></line>
<text x="2" y="${y(1) + 4}">100%</text><text x="8" y="${y(0.5) + 4}">50%</text><text x="14" y="${y(0) + 4}">0%</text>
${known.length > 1 ? html`<polyline class="line" points="${known.map((p) => `${x(p.i).toFixed(1)},${y(p.rate).toFixed(1)}`).join(' ')}"></polyline>` : ''}
${known.map((p) => html`<circle class="pt" data-colour="${colourOf(p.rate)}" cx="${x(p.i).toFixed(1)}" cy="${y(p.rate).toFixed(1)}" r="3"></circle>`)}
${points.map((p, i) => (i % 2 === 0 ? html`<text x="${(x(i) - 14).toFixed(1)}" y="${height - 8}">${p.month.slice(2)}</text>` : ''))}
</svg>
<figcaption>${empty ? html`<strong class="no-data">${t.msg('dashboard.trend.noData')}</strong>` : description}</figcaption>
</figure>
<details><summary>${t.msg('dashboard.trend.asTable')}</summary>
<div class="table-wrap"><table><caption>${caption}</caption><thead><tr><th scope="col">${t.msg('dashboard.trend.month')}</th><th scope="col">${t.msg(
    'dashboard.trend.cohort',
  )}</th><th scope="col">${t.msg('dashboard.trend.onTime')}</th><th scope="col">${t.msg('dashboard.trend.rate')}</th></tr></thead><tbody>
${points.map(
  (p) =>
    html`<tr><th scope="row">${p.month}</th><td>${p.dueCohort}</td><td>${p.onTime}</td>${lightCell(t, colourOf(p.rate), p.rate === null ? null : t.percent(p.rate))}</tr>`,
)}
</tbody></table></div></details></section>`;
}

/**
 * The source gives no colours for maturity levels; this project reads a level as level/5 and applies
 * sect. 3's thresholds (over 75 % green, 50-75 % yellow, else red): levels 4-5 green, 3 yellow,
 * 0-2 red, i.e. green only once payment and submission are fully electronic (sect. 2, level 4).
 */
export function maturityColour(level: number): Colour {
  return colourFor(level / 5, DEFAULT_COLOUR_THRESHOLDS);
}

/** Sect. 3's "distribution of maturity levels": how many e-services at each level, each count with its light. */
export function maturityCell(t: Texts, levels: readonly number[] | null): SafeHtml {
  if (!levels) return lightCell(t, 'none', null, t.msg('dashboard.noSelfAssessment'));
  const present = levels.map((count, level) => ({ count, level, colour: maturityColour(level) })).filter((l) => l.count > 0);
  return html`<td class="levels">${present.map(
    (l) =>
      html`<span class="light light-${l.colour}" data-colour="${l.colour}" data-level="${l.level}"><span class="dot" aria-hidden="true"></span> ${t.msg(
        'dashboard.level',
        { level: l.level, count: l.count },
      )}</span> `,
  )}</td>`;
}

const BAND_COLOUR: Record<string, Colour> = { excellent: 'green', good: 'yellow', basic: 'red' };
const BANDS = ['excellent', 'good', 'basic'] as const;

/** Sect. 2's corruption-reduction bands shown as lights: excellent green, good yellow, basic red; the band is the status text. */
export function corruptionCell(t: Texts, corruption: { meanScore: number; band: string } | null): SafeHtml {
  if (!corruption) return lightCell(t, 'none', null, t.msg('dashboard.noSelfAssessment'));
  const band = BANDS.find((b) => b === corruption.band);
  const colour = BAND_COLOUR[corruption.band] ?? 'none';
  const word = band ? t.msg(`dashboard.band.${band}`) : corruption.band;
  return html`<td class="light light-${colour}" data-colour="${colour}"><span class="dot" aria-hidden="true"></span> ${corruption.meanScore.toFixed(1)} (${word})</td>`;
}

/** Sect. 3's digitisation share: M / N with its light, or why there is none. */
export function digitisationCell(t: Texts, d: AgencyEvaluation['digitisation']): SafeHtml {
  if (!d) return lightCell(t, 'none', null, t.msg('dashboard.nNotEntered'));
  if (d.share === null || !d.colour) return lightCell(t, 'none', null, t.msg('dashboard.noData'));
  return lightCell(t, d.colour, t.percent(d.share));
}
