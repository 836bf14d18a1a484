import { Responsiveness } from '../../evaluation/domain';
import { Texts } from '../i18n';
import { AgencyEvaluation, MonthlyOnTime } from '../read-models';
import { indexCell, rankRows, trendChart } from './evaluation.view';

function row(name: string, r: Partial<Responsiveness>): AgencyEvaluation {
  return {
    agencyId: name,
    agencyName: name,
    from: '2026-01-01',
    to: '2026-12-31',
    responsiveness: {
      dueCohort: 0,
      onTime: 0,
      onTimeReviewRate: null,
      referralCohort: 0,
      onTimeReferralRate: null,
      medianWorkingDaysToAnswer: null,
      p90WorkingDaysToAnswer: null,
      extensionRate: null,
      openOverdue: 0,
      satisfactionRate: null,
      index: null,
      colour: null,
      insufficientData: true,
      ...r,
    },
    digitisation: null,
    maturityLevels: null,
    corruption: null,
  };
}

const text = (html: { toString(): string }) =>
  html
    .toString()
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('evaluation views (issue 15)', () => {
  const az = new Texts('az');
  const ru = new Texts('ru');
  const en = new Texts('en');

  it('gives each light one status text: the figure and its word, or why it is grey', () => {
    const coloured = row('A', { dueCohort: 30, onTime: 20, index: 65, colour: 'yellow', insufficientData: false });
    expect(text(indexCell(az, coloured))).toBe('65% — Tələblər istiqamətində irəliləyiş');
    expect(text(indexCell(ru, coloured))).toBe('65% — Продвигается к требованиям');
    expect(text(indexCell(en, coloured))).toBe('65% — Progressing');
    expect(text(indexCell(az, row('B', {})))).toBe('Məlumat yoxdur');
    expect(text(indexCell(en, row('C', { dueCohort: 4, referralCohort: 1 })))).toBe('Insufficient data: 5 cases');
    expect(text(indexCell(ru, row('C', { dueCohort: 2 })))).toBe('Недостаточно данных: 2 дела');
    expect(text(indexCell(ru, row('C', { dueCohort: 5 })))).toBe('Недостаточно данных: 5 дел');
  });

  it('ranks by index and puts every grey row after the ranked ones, by name', () => {
    const rows = [
      row('Zeta', {}),
      row('Beta', { index: 40, colour: 'red', insufficientData: false }),
      row('Alfa', { dueCohort: 3 }),
      row('Qamma', { index: 90, colour: 'green', insufficientData: false }),
    ];
    expect(rankRows(rows).map((r) => r.agencyName)).toEqual(['Qamma', 'Beta', 'Alfa', 'Zeta']);
  });

  it('draws no bands and no line for an empty series and says "no data" in the chart, its description and caption', () => {
    const empty: MonthlyOnTime[] = ['2026-01', '2026-02'].map((month) => ({ month, dueCohort: 0, onTime: 0, rate: null }));
    const chart = trendChart(en, empty, 'On-time review').toString();
    expect(chart).toContain('role="img" aria-labelledby="trend-title trend-desc"');
    expect(chart).toContain('<text class="no-data"');
    expect(chart).toContain('<desc id="trend-desc">No data: no appeal fell due in these months.</desc>');
    expect(chart).toContain('<figcaption><strong class="no-data">No data: no appeal fell due in these months.</strong></figcaption>');
    expect(chart).not.toMatch(/band-(green|yellow|red)|<polyline|<circle/);
  });

  it('draws the line and points of a series with data, each point in the table too', () => {
    const points: MonthlyOnTime[] = [
      { month: '2026-01', dueCohort: 4, onTime: 4, rate: 1 },
      { month: '2026-02', dueCohort: 0, onTime: 0, rate: null },
      { month: '2026-03', dueCohort: 4, onTime: 1, rate: 0.25 },
    ];
    const chart = trendChart(az, points, 'Trend', 'agency-trend').toString();
    expect(chart).toContain('aria-labelledby="agency-trend-title agency-trend-desc"');
    expect(chart.match(/<circle/g)).toHaveLength(2);
    expect(chart).toContain('<polyline class="line"');
    expect(chart).toContain('<desc id="agency-trend-desc">Baxılma müddəti bitən müraciətləri olan 2 ay; sonuncu (2026-03) — 25%.');
    expect(text(chart)).toContain('2026-03 4 1 25% — Tələblərə cavab verə bilmir');
    expect(text(chart)).toContain('2026-02 0 0 Məlumat yoxdur');
  });
});
