import { colourFor, DEFAULT_COLOUR_THRESHOLDS } from '../../evaluation/domain';
import { html, SafeHtml } from '../html';
import { Colour, Texts } from '../i18n';
import { colourCell } from '../layout';
import { AgencyEvaluation, MonthlyOnTime } from '../read-models';

/** The light a row shows: none when there is no index, or too little data to rank (methodology sect. 5). */
export function responsivenessColour(row: AgencyEvaluation): Colour {
  const r = row.responsiveness;
  return r.colour && !r.insufficientData ? r.colour : 'none';
}

/** Sect. 5: a small cohort is grey "insufficient data" with no figure: never a red light on a handful of cases. */
export function indexCell(t: Texts, row: AgencyEvaluation): SafeHtml {
  const r = row.responsiveness;
  if (r.insufficientData) {
    const cases = r.dueCohort + r.referralCohort;
    return cases === 0
      ? colourCell(t, 'none', t.t('Məlumat yoxdur', 'No data'))
      : colourCell(t, 'none', t.t(`Məlumat azdır (kiçik kohort)`, `Insufficient data (small cohort)`));
  }
  if (r.index === null) return colourCell(t, 'none', t.t('Məlumat yoxdur', 'No data'));
  return colourCell(t, responsivenessColour(row), `${Math.round(r.index)}%`);
}

/** Ranked first, by index; rows that may not be ranked follow, by name. */
export function rankRows(rows: readonly AgencyEvaluation[]): AgencyEvaluation[] {
  const ranked = rows.filter((r) => r.responsiveness.index !== null && !r.responsiveness.insufficientData);
  const rest = rows.filter((r) => !ranked.includes(r));
  ranked.sort((a, b) => (b.responsiveness.index ?? 0) - (a.responsiveness.index ?? 0) || a.agencyName.localeCompare(b.agencyName));
  rest.sort((a, b) => a.agencyName.localeCompare(b.agencyName));
  return [...ranked, ...rest];
}

export function methodologyNote(t: Texts): SafeHtml {
  return html`<section aria-labelledby="method"><h2 id="method">${t.t('Necə hesablanır', 'How it is computed')}</h2>
<p>${t.t(
    'Cavabdehlik indeksi = vaxtında baxılma nisbəti (çəki 0,7) və vaxtında aidiyyəti üzrə göndərmə nisbəti (çəki 0,3). Baxılma müddəti dövrə düşən və nəticəsi bəlli olan müraciətlər sayılır; boş kohort çıxarılır.',
    'Responsiveness index = on-time review rate (weight 0.7) and on-time referral rate (weight 0.3). Counted are appeals whose review deadline falls in the period and whose outcome is known; an empty cohort is left out.',
  )}</p>
<p>${t.t(
    'Rənglər: 75%-dən çox — yaşıl, 50-75% — sarı, 50%-ə qədər — qırmızı. 20-dən az müraciət olan kohortlar "məlumat azdır" kimi göstərilir və sıralanmır.',
    'Colours: above 75% green, 50-75% yellow, up to 50% red. Cohorts of fewer than 20 appeals show as "insufficient data" and are not ranked.',
  )}</p></section>`;
}

/**
 * The monthly on-time review rate as a small SVG line over the three colour bands, with the
 * same figures as a table for screen readers and anyone who cannot see the colours.
 */
export function trendChart(t: Texts, points: readonly MonthlyOnTime[], caption: string): SafeHtml {
  const width = 360;
  const height = 160;
  const left = 30;
  const top = 10;
  const plotW = width - left - 10;
  const plotH = height - top - 30;
  const x = (i: number) => left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (rate: number) => top + plotH * (1 - rate);
  const known = points.map((p, i) => ({ ...p, i })).filter((p) => p.rate !== null) as Array<MonthlyOnTime & { i: number; rate: number }>;
  const { greenAbove, yellowAbove } = DEFAULT_COLOUR_THRESHOLDS;
  const colourOf = (rate: number | null): Colour => (rate === null ? 'none' : colourFor(rate, DEFAULT_COLOUR_THRESHOLDS));
  return html`<figure>
<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc">
<title id="chart-title">${caption}</title>
<desc id="chart-desc">${t.t('Aylar üzrə vaxtında baxılma nisbəti; rəqəmlər aşağıdakı cədvəldədir.', 'On-time review rate by month; the figures are in the table below.')}</desc>
<rect class="band-green" data-colour="green" x="${left}" y="${y(1)}" width="${plotW}" height="${y(greenAbove) - y(1)}"></rect>
<rect class="band-yellow" data-colour="yellow" x="${left}" y="${y(greenAbove)}" width="${plotW}" height="${y(yellowAbove) - y(greenAbove)}"></rect>
<rect class="band-red" data-colour="red" x="${left}" y="${y(yellowAbove)}" width="${plotW}" height="${y(0) - y(yellowAbove)}"></rect>
<line class="axis" x1="${left}" y1="${y(0)}" x2="${left + plotW}" y2="${y(0)}"></line>
<line class="axis" x1="${left}" y1="${y(0)}" x2="${left}" y2="${y(1)}"></line>
<text x="2" y="${y(1) + 4}">100%</text><text x="8" y="${y(0.5) + 4}">50%</text><text x="14" y="${y(0) + 4}">0%</text>
${known.length > 1 ? html`<polyline class="line" points="${known.map((p) => `${x(p.i).toFixed(1)},${y(p.rate).toFixed(1)}`).join(' ')}"></polyline>` : ''}
${known.map((p) => html`<circle class="pt" data-colour="${colourOf(p.rate)}" cx="${x(p.i).toFixed(1)}" cy="${y(p.rate).toFixed(1)}" r="3"></circle>`)}
${points.map((p, i) => (i % 2 === 0 ? html`<text x="${(x(i) - 14).toFixed(1)}" y="${height - 8}">${p.month.slice(2)}</text>` : ''))}
</svg>
<figcaption>${caption}</figcaption>
</figure>
<details><summary>${t.t('Cədvəl kimi', 'As a table')}</summary>
<div class="table-wrap"><table><thead><tr><th scope="col">${t.t('Ay', 'Month')}</th><th scope="col">${t.t('Kohort', 'Cohort')}</th><th scope="col">${t.t(
    'Vaxtında',
    'On time',
  )}</th><th scope="col">${t.t('Nisbət', 'Rate')}</th></tr></thead><tbody>
${points.map(
  (p) => html`<tr><td>${p.month}</td><td>${p.dueCohort}</td><td>${p.onTime}</td>${colourCell(t, colourOf(p.rate), t.percent(p.rate))}</tr>`,
)}
</tbody></table></div></details>`;
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
  if (!levels) return html`<td>${t.t('Özünüqiymətləndirmə yoxdur', 'No self-assessment')}</td>`;
  const present = levels.map((count, level) => ({ count, level, colour: maturityColour(level) })).filter((l) => l.count > 0);
  return html`<td class="levels">${present.map(
    (l) =>
      html`<span class="light light-${l.colour}" data-colour="${l.colour}" data-level="${l.level}"><span class="dot" aria-hidden="true"></span> ${t.t('səviyyə', 'level')} ${l.level}: ${l.count}</span> `,
  )}</td>`;
}

const BAND_COLOUR: Record<string, Colour> = { excellent: 'green', good: 'yellow', basic: 'red' };
const BAND_WORD: Record<string, readonly [string, string]> = {
  excellent: ['əla', 'excellent'],
  good: ['yaxşı', 'good'],
  basic: ['əsas', 'basic'],
};

/** Sect. 2's corruption-reduction bands shown as lights: excellent green, good yellow, basic red (three bands, three lights). */
export function corruptionCell(t: Texts, corruption: { meanScore: number; band: string } | null): SafeHtml {
  if (!corruption) return colourCell(t, 'none', t.t('Özünüqiymətləndirmə yoxdur', 'No self-assessment'));
  const word = BAND_WORD[corruption.band];
  return colourCell(
    t,
    BAND_COLOUR[corruption.band] ?? 'none',
    `${corruption.meanScore.toFixed(1)} (${word ? t.t(word[0], word[1]) : corruption.band})`,
  );
}
