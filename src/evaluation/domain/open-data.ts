/**
 * A published evaluation period as open data: one CSV row per agency and a Frictionless Tabular
 * Data Package (datapackage.json, specs.frictionlessdata.io) whose Table Schema describes every
 * column. The rows are the public view's: agencies only, rates over fewer than minCohort cases
 * withheld (empty), no self-assessment answers, no case and no person (sect. 5 fairness).
 */
export interface OpenDataPeriod {
  readonly id: string;
  readonly name: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly publishedAt: string;
  readonly methodologyVersion: string;
}

/** The public view's item (EvaluationResultsService.publicPeriod), as far as the CSV reads it. */
export interface OpenDataItem {
  readonly agencyId: string;
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly rank: number | null;
  readonly responsiveness: {
    readonly dueCohort?: number;
    readonly referralCohort?: number;
    readonly onTimeReviewRate?: number | null;
    readonly onTimeReferralRate?: number | null;
    readonly medianWorkingDaysToAnswer?: number | null;
    readonly p90WorkingDaysToAnswer?: number | null;
    readonly extensionRate?: number | null;
    readonly openOverdue?: number;
    readonly satisfactionRate?: number | null;
    readonly index?: number | null;
    readonly colour?: string | null;
    readonly insufficientData?: boolean;
  };
  readonly digitisation: {
    readonly servicesTotal: number | null;
    readonly servicesElectronic: number | null;
    readonly share: number | null;
    readonly colour: string | null;
  };
  readonly maturity: { readonly assessed: number; readonly levels: Record<string, number> };
}

type Value = string | number | boolean | null;

interface Field {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly title: string;
  readonly description: string;
  readonly format?: string;
  readonly constraints?: Record<string, unknown>;
  readonly value: (item: OpenDataItem, period: OpenDataPeriod) => Value;
}

const RATE = { minimum: 0, maximum: 1 };
const COUNT = { minimum: 0 };
const COLOURS = { enum: ['green', 'yellow', 'red'] };
const r = (item: OpenDataItem) => item.responsiveness;

const FIELDS: readonly Field[] = [
  {
    name: 'period_id',
    type: 'string',
    format: 'uuid',
    title: 'Period',
    description: 'Identifier of the evaluation period.',
    constraints: { required: true },
    value: (_, p) => p.id,
  },
  {
    name: 'period_start',
    type: 'date',
    title: 'Period start',
    description: 'First day of the period (Asia/Baku).',
    constraints: { required: true },
    value: (_, p) => p.startsOn,
  },
  {
    name: 'period_end',
    type: 'date',
    title: 'Period end',
    description: 'Last day of the period (Asia/Baku).',
    constraints: { required: true },
    value: (_, p) => p.endsOn,
  },
  {
    name: 'agency_id',
    type: 'string',
    format: 'uuid',
    title: 'Agency',
    description: 'Identifier of the state agency.',
    constraints: { required: true, unique: true },
    value: (i) => i.agencyId,
  },
  {
    name: 'agency_code',
    type: 'string',
    title: 'Agency code',
    description: 'Short code of the agency.',
    constraints: { required: true },
    value: (i) => i.agencyCode,
  },
  {
    name: 'agency_name',
    type: 'string',
    title: 'Agency name',
    description: 'Name of the agency in Azerbaijani.',
    constraints: { required: true },
    value: (i) => i.agencyName,
  },
  {
    name: 'rank',
    type: 'integer',
    title: 'Rank',
    description: 'Place by responsiveness index among agencies with sufficient data (ties share a place); empty: not ranked.',
    constraints: { minimum: 1 },
    value: (i) => i.rank,
  },
  {
    name: 'due_cohort',
    type: 'integer',
    title: 'Due cohort',
    description: 'Appeals whose review deadline fell in the period and that were closed, or are open and late (methodology sect. 5).',
    constraints: COUNT,
    value: (i) => r(i).dueCohort ?? null,
  },
  {
    name: 'referral_cohort',
    type: 'integer',
    title: 'Referral cohort',
    description: 'Appeals the agency referred to another agency in the period (Art. 7.10).',
    constraints: COUNT,
    value: (i) => r(i).referralCohort ?? null,
  },
  {
    name: 'on_time_review_rate',
    type: 'number',
    title: 'On-time review rate',
    description: 'Share of the due cohort closed by the deadline (0..1); empty when the cohort is under the minimum size.',
    constraints: RATE,
    value: (i) => r(i).onTimeReviewRate ?? null,
  },
  {
    name: 'on_time_referral_rate',
    type: 'number',
    title: 'On-time referral rate',
    description: 'Share of referrals made within 3 working days (0..1); empty when the cohort is under the minimum size.',
    constraints: RATE,
    value: (i) => r(i).onTimeReferralRate ?? null,
  },
  {
    name: 'median_working_days_to_answer',
    type: 'number',
    title: 'Median working days to answer',
    description:
      'Median working days from the start of the term to the answer, over answers given in the period; empty under the minimum size.',
    constraints: COUNT,
    value: (i) => r(i).medianWorkingDaysToAnswer ?? null,
  },
  {
    name: 'p90_working_days_to_answer',
    type: 'number',
    title: '90th percentile of working days to answer',
    description: 'Nearest-rank 90th percentile of the same; empty under the minimum size.',
    constraints: COUNT,
    value: (i) => r(i).p90WorkingDaysToAnswer ?? null,
  },
  {
    name: 'extension_rate',
    type: 'number',
    title: 'Extension rate',
    description: 'Share of the due cohort whose term was extended (Art. 10.2), 0..1; empty under the minimum size.',
    constraints: RATE,
    value: (i) => r(i).extensionRate ?? null,
  },
  {
    name: 'open_overdue',
    type: 'integer',
    title: 'Open overdue',
    description: 'Appeals open and past their deadline at the end of the period.',
    constraints: COUNT,
    value: (i) => r(i).openOverdue ?? null,
  },
  {
    name: 'satisfaction_rate',
    type: 'number',
    title: 'Satisfaction rate',
    description: 'Share of applicants satisfied with the answer, over feedback given (0..1); empty under the minimum size.',
    constraints: RATE,
    value: (i) => r(i).satisfactionRate ?? null,
  },
  {
    name: 'responsiveness_index',
    type: 'number',
    title: 'Responsiveness index',
    description: 'Weighted index 0..100 (methodology sect. 5); empty with insufficient data.',
    constraints: { minimum: 0, maximum: 100 },
    value: (i) => r(i).index ?? null,
  },
  {
    name: 'responsiveness_colour',
    type: 'string',
    title: 'Responsiveness colour',
    description: 'Traffic light of the index: green, yellow or red; empty with insufficient data.',
    constraints: COLOURS,
    value: (i) => r(i).colour ?? null,
  },
  {
    name: 'insufficient_data',
    type: 'boolean',
    title: 'Insufficient data',
    description: 'true when a cohort entering the index is under the minimum size: shown, not ranked.',
    value: (i) => r(i).insufficientData ?? null,
  },
  {
    name: 'services_total',
    type: 'integer',
    title: 'Services that can be electronic',
    description: "N: the agency's services that can be provided electronically (sect. 3).",
    constraints: COUNT,
    value: (i) => i.digitisation.servicesTotal,
  },
  {
    name: 'services_electronic',
    type: 'integer',
    title: 'Services offered electronically',
    description: 'M: of those, offered electronically (sect. 3).',
    constraints: COUNT,
    value: (i) => i.digitisation.servicesElectronic,
  },
  {
    name: 'digitisation_share',
    type: 'number',
    title: 'Digitisation share',
    description: 'M / N (0..1).',
    constraints: RATE,
    value: (i) => i.digitisation.share,
  },
  {
    name: 'digitisation_colour',
    type: 'string',
    title: 'Digitisation colour',
    description: 'Traffic light of the share (sect. 3).',
    constraints: COLOURS,
    value: (i) => i.digitisation.colour,
  },
  {
    name: 'maturity_assessed',
    type: 'integer',
    title: 'E-services assessed',
    description: "The agency's e-services with a self-assessment in the period (sect. 2).",
    constraints: COUNT,
    value: (i) => i.maturity.assessed,
  },
  ...['0', '1', '2', '3', '4', '5'].map(
    (level): Field => ({
      name: `maturity_level_${level}`,
      type: 'integer',
      title: `E-services at maturity level ${level}`,
      description: `Number of the agency's assessed e-services at maturity level ${level} (sect. 2).`,
      constraints: COUNT,
      value: (i) => i.maturity.levels[level] ?? 0,
    }),
  ),
];

export const OPEN_DATA_CSV = 'agencies.csv';

export function openDataRows(period: OpenDataPeriod, items: readonly OpenDataItem[]): { header: string[]; rows: Value[][] } {
  return { header: FIELDS.map((f) => f.name), rows: items.map((item) => FIELDS.map((f) => f.value(item, period))) };
}

/** The Tabular Data Package; `baseUrl` is the period's public address (the CSV's path is relative to it). */
export function openDataPackage(period: OpenDataPeriod, baseUrl: string): object {
  return {
    profile: 'tabular-data-package',
    name: `e-muraciet-evaluation-${period.id}`,
    id: `${baseUrl}/datapackage.json`,
    title: `e-Müraciət: qurumların qiymətləndirilməsi — ${period.name}`,
    description:
      "Responsiveness to citizens' appeals (Law No. 1308-IVQ) and service digitisation of state agencies for one published " +
      `evaluation period, methodology ${period.methodologyVersion}. Aggregates only: a rate over fewer cases than the methodology's minimum cohort is withheld (empty).`,
    version: period.methodologyVersion,
    created: period.publishedAt,
    homepage: baseUrl,
    keywords: ['citizens appeals', 'public services', 'Azerbaijan', 'evaluation'],
    licenses: [{ name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
    resources: [
      {
        profile: 'tabular-data-resource',
        name: 'agencies',
        path: OPEN_DATA_CSV,
        title: 'Agencies of the period',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', doubleQuote: true, lineTerminator: '\r\n', header: true },
        schema: {
          fields: FIELDS.map(({ value: _value, ...field }) => field),
          primaryKey: ['agency_id'],
          missingValues: [''],
        },
      },
    ],
  };
}
