import type { LoadResult } from './load';

export interface Targets {
  readonly minAcceptedPerSecond: number;
  readonly minRatio: number;
  readonly maxP99Ms: number;
}

export interface Verdict {
  readonly name: string;
  readonly target: string;
  readonly actual: string;
  readonly pass: boolean;
}

export function verdicts(app: LoadResult, baseline: LoadResult, targets: Targets): Verdict[] {
  const ratio = baseline.acceptedPerSecond > 0 ? app.acceptedPerSecond / baseline.acceptedPerSecond : 0;
  return [
    {
      name: 'app accepted appeals/s',
      target: `>= ${targets.minAcceptedPerSecond}`,
      actual: app.acceptedPerSecond.toFixed(0),
      pass: app.acceptedPerSecond >= targets.minAcceptedPerSecond,
    },
    { name: 'ratio app / baseline', target: `>= ${targets.minRatio}`, actual: ratio.toFixed(2), pass: ratio >= targets.minRatio },
    {
      name: 'app p99 latency',
      target: `< ${targets.maxP99Ms} ms`,
      actual: `${app.latencyMs.p99} ms`,
      pass: app.latencyMs.p99 < targets.maxP99Ms,
    },
  ];
}

/** A plain-text table: rows of cells, first row the header. */
/** A count as the reports print it: rounded, with thousands separators. */
export function thousands(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function table(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: ReadonlyArray<string>) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

export function resultTable(app: LoadResult, baseline: LoadResult): string {
  const ms = (n: number) => `${n}`;
  const ratio = baseline.acceptedPerSecond > 0 ? app.acceptedPerSecond / baseline.acceptedPerSecond : 0;
  return table([
    ['', 'app (Nest/Fastify/TypeORM)', 'baseline (http + pg)', 'app/baseline'],
    ['accepted appeals/s (201)', app.acceptedPerSecond.toFixed(1), baseline.acceptedPerSecond.toFixed(1), ratio.toFixed(2)],
    ['accepted (201) total', `${app.accepted}`, `${baseline.accepted}`, ''],
    ['non-2xx responses', `${app.non2xx}`, `${baseline.non2xx}`, ''],
    [
      'connection errors / timeouts',
      `${app.connectionErrors} / ${app.timeouts}`,
      `${baseline.connectionErrors} / ${baseline.timeouts}`,
      '',
    ],
    ['latency p50 ms', ms(app.latencyMs.p50), ms(baseline.latencyMs.p50), ''],
    ['latency p90 ms', ms(app.latencyMs.p90), ms(baseline.latencyMs.p90), ''],
    ['latency p99 ms', ms(app.latencyMs.p99), ms(baseline.latencyMs.p99), ''],
    ['latency max ms', ms(app.latencyMs.max), ms(baseline.latencyMs.max), ''],
    ['latency mean ms', app.latencyMs.mean.toFixed(2), baseline.latencyMs.mean.toFixed(2), ''],
    ['measured seconds', `${app.durationSeconds}`, `${baseline.durationSeconds}`, ''],
  ]);
}

export function verdictTable(list: readonly Verdict[]): string {
  return table([['target', 'required', 'actual', 'result'], ...list.map((v) => [v.name, v.target, v.actual, v.pass ? 'PASS' : 'FAIL'])]);
}
