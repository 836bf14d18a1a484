/**
 * The versioned e-service evaluation methodology (domain/evaluation-methodology.md), read from
 * `config/methodology/<version>.json`. Pure: the caller loads the JSON and passes it in.
 */
import { DomainError, type FieldError } from '../../platform/errors/domain-error';

export type Colour = 'green' | 'yellow' | 'red';
export type CorruptionBand = 'basic' | 'good' | 'excellent';
export type MaturityLevel = 1 | 2 | 3 | 4 | 5;
export type InfrastructureComponent = 'authenticSources' | 'eIdentity' | 'secureDelivery';
export type InfrastructureQuestionKind = 'yesNo' | 'percentage';

export const MATURITY_LEVELS: readonly MaturityLevel[] = [1, 2, 3, 4, 5];
export const INFRASTRUCTURE_COMPONENTS: readonly InfrastructureComponent[] = ['authenticSources', 'eIdentity', 'secureDelivery'];
const CORRUPTION_BANDS: readonly CorruptionBand[] = ['basic', 'good', 'excellent'];

export interface LocalisedText {
  readonly az: string;
  readonly en: string;
}

export interface IndicatorDefinition {
  readonly number: number;
  readonly name: LocalisedText;
  /** Maturity levels the indicator belongs to (sect. 2 table); informative, checked against mandatoryByLevel. */
  readonly levels: readonly MaturityLevel[];
  readonly corruptionReducing: boolean;
}

export interface CorruptionBandDefinition {
  readonly band: CorruptionBand;
  readonly min: number;
  /** null = no upper bound. */
  readonly max: number | null;
  readonly name: LocalisedText;
}

/**
 * Traffic light (sect. 3): green when value > greenAbove, yellow when yellowAbove < value <=
 * greenAbove, red when value <= yellowAbove. Both bounds are strict "more than", as in the source's
 * key ("75 %-dən çox" / "50 %-dən çox 75 %-ə qədər" / "50 %-ə qədər").
 */
export interface ColourThresholds {
  readonly greenAbove: number;
  readonly yellowAbove: number;
}

export interface InfrastructureQuestion {
  readonly id: string;
  readonly component: InfrastructureComponent;
  readonly kind: InfrastructureQuestionKind;
  readonly text: LocalisedText;
}

export interface InfrastructureSettings {
  /** A percentage answer scores 1 when strictly above this fraction (sect. 4: 0-50 % -> 0, 51-100 % -> 1). */
  readonly percentagePassAbove: number;
  readonly components: Readonly<Record<InfrastructureComponent, LocalisedText>>;
  readonly questions: readonly InfrastructureQuestion[];
}

export interface ResponsivenessWeights {
  readonly review: number;
  readonly referral: number;
}

export interface ResponsivenessSettings {
  readonly weights: ResponsivenessWeights;
  readonly minCohort: number;
}

export interface Methodology {
  readonly version: string;
  readonly indicators: readonly IndicatorDefinition[];
  readonly mandatoryByLevel: Readonly<Record<MaturityLevel, readonly number[]>>;
  readonly corruptionBands: readonly CorruptionBandDefinition[];
  readonly colourThresholds: ColourThresholds;
  readonly infrastructure: InfrastructureSettings;
  readonly responsiveness: ResponsivenessSettings;
}

export type { FieldError };

export const METHODOLOGY_INVALID = 'METHODOLOGY_INVALID';

/**
 * Bad answers or counts handed to a calculator. A DomainError with the shared 'VALIDATION_FAILED'
 * code, so the problem filter answers 422 with these entries as `errors` (API.md "Errors").
 */
export class EvaluationInputError extends DomainError {
  constructor(fields: readonly FieldError[]) {
    super('VALIDATION_FAILED', `Invalid evaluation input: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
    this.name = 'EvaluationInputError';
  }

  /** The offending fields (`answers.7`, `servicesElectronic`, ...); same list as `errors`. */
  get fields(): readonly FieldError[] {
    return this.errors;
  }
}

/** A broken methodology file: a deployment bug, so a plain Error that fails the boot, not a 4xx. */
export class MethodologyConfigError extends Error {
  readonly code = METHODOLOGY_INVALID;
  constructor(readonly fields: readonly FieldError[]) {
    super(`Invalid methodology: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`);
    this.name = 'MethodologyConfigError';
  }
}

// Equal-to-threshold tolerance: a weighted mean such as 0.7 * 0.75 + 0.3 * 0.75 comes out as
// 0.7499999999999999; float noise must not move a value across a boundary.
const THRESHOLD_EPSILON = 1e-9;

/** Sect. 3 traffic light for a fraction 0..1; see ColourThresholds for the boundaries. */
export function colourFor(fraction: number, thresholds: ColourThresholds): Colour {
  if (fraction > thresholds.greenAbove + THRESHOLD_EPSILON) return 'green';
  if (fraction > thresholds.yellowAbove + THRESHOLD_EPSILON) return 'yellow';
  return 'red';
}

/** Default thresholds, identical to config/methodology/v1.json (a spec keeps them in step). */
export const DEFAULT_COLOUR_THRESHOLDS: ColourThresholds = { greenAbove: 0.75, yellowAbove: 0.5 };

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Array.isArray narrows to any[]; this keeps the elements unknown until checked. */
function isJsonArray(value: Json): value is readonly Json[] {
  return Array.isArray(value);
}

function isFraction(value: Json): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

function isNonNegativeInteger(value: Json): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isPositiveFinite(value: Json): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function isBand(value: Json): value is CorruptionBand {
  return typeof value === 'string' && (CORRUPTION_BANDS as readonly string[]).includes(value);
}

function isLevel(value: Json): value is MaturityLevel {
  return typeof value === 'number' && (MATURITY_LEVELS as readonly number[]).includes(value);
}

/** Collects every problem so one run of the parser reports them all. */
class Issues {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
}

function parseText(value: Json, field: string, issues: Issues): LocalisedText {
  if (
    !isRecord(value) ||
    typeof value.az !== 'string' ||
    value.az.trim() === '' ||
    typeof value.en !== 'string' ||
    value.en.trim() === ''
  ) {
    issues.add(field, 'must be { az, en } with non-empty strings');
    return { az: '', en: '' };
  }
  return { az: value.az, en: value.en };
}

function parseIndicators(value: Json, issues: Issues): IndicatorDefinition[] {
  if (!isJsonArray(value) || value.length === 0) {
    issues.add('indicators', 'must be a non-empty array');
    return [];
  }
  const seen = new Set<number>();
  const result: IndicatorDefinition[] = [];
  value.forEach((raw: Json, i) => {
    const field = `indicators[${i}]`;
    if (!isRecord(raw)) {
      issues.add(field, 'must be an object');
      return;
    }
    const number = raw.number;
    if (!isNonNegativeInteger(number) || number < 1) {
      issues.add(`${field}.number`, 'must be a positive integer');
      return;
    }
    if (seen.has(number)) issues.add(`${field}.number`, `duplicate indicator ${number}`);
    seen.add(number);
    const levels = raw.levels;
    if (!isJsonArray(levels) || levels.length === 0 || !levels.every(isLevel)) {
      issues.add(`${field}.levels`, 'must be a non-empty array of levels 1..5');
    }
    if (typeof raw.corruptionReducing !== 'boolean') {
      issues.add(`${field}.corruptionReducing`, 'must be a boolean');
    }
    result.push({
      number,
      name: parseText(raw.name, `${field}.name`, issues),
      levels: isJsonArray(levels) ? levels.filter(isLevel) : [],
      corruptionReducing: raw.corruptionReducing === true,
    });
  });
  return result.sort((a, b) => a.number - b.number);
}

function parseMandatory(value: Json, indicators: readonly IndicatorDefinition[], issues: Issues): Record<MaturityLevel, readonly number[]> {
  const result: Record<MaturityLevel, readonly number[]> = { 1: [], 2: [], 3: [], 4: [], 5: [] };
  if (!isRecord(value)) {
    issues.add('mandatoryByLevel', 'must be an object keyed "1".."5"');
    return result;
  }
  for (const key of Object.keys(value)) {
    if (!MATURITY_LEVELS.map(String).includes(key)) {
      issues.add(`mandatoryByLevel.${key}`, 'unknown level (expected 1..5)');
    }
  }
  const byNumber = new Map(indicators.map((d) => [d.number, d]));
  for (const level of MATURITY_LEVELS) {
    const field = `mandatoryByLevel.${level}`;
    const list = value[String(level)];
    // An empty set would make a level reachable with all "no" answers: never intended.
    if (!isJsonArray(list) || list.length === 0) {
      issues.add(field, 'must be a non-empty array of indicator numbers');
      continue;
    }
    const numbers: number[] = [];
    for (const n of list) {
      const def = typeof n === 'number' ? byNumber.get(n) : undefined;
      if (def === undefined) {
        issues.add(field, `unknown indicator ${String(n)}`);
      } else if (!def.levels.includes(level)) {
        // Sect. 2: an indicator can only be mandatory for a level it belongs to.
        issues.add(field, `indicator ${def.number} does not belong to level ${level}`);
      } else if (numbers.includes(def.number)) {
        issues.add(field, `duplicate indicator ${def.number}`);
      } else {
        numbers.push(def.number);
      }
    }
    result[level] = numbers;
  }
  return result;
}

function parseBands(value: Json, corruptionIndicatorCount: number, issues: Issues): CorruptionBandDefinition[] {
  if (!isJsonArray(value) || value.length === 0) {
    issues.add('corruptionBands', 'must be a non-empty array');
    return [];
  }
  const bands: CorruptionBandDefinition[] = [];
  let expectedMin = 0;
  // Stop at the first broken band: the ones after it would only repeat the same gap.
  for (const [i, raw] of value.entries()) {
    const field = `corruptionBands[${i}]`;
    if (!isRecord(raw)) {
      issues.add(field, 'must be an object');
      return bands;
    }
    const band = raw.band;
    if (!isBand(band)) {
      issues.add(`${field}.band`, `must be one of ${CORRUPTION_BANDS.join(', ')}`);
      return bands;
    }
    const min = raw.min;
    const rawMax = raw.max;
    const max = rawMax === null ? null : isNonNegativeInteger(rawMax) ? rawMax : undefined;
    // Bands must tile 0..(number of corruption indicators) with no gap or overlap, in order.
    if (!isNonNegativeInteger(min) || min !== expectedMin) {
      issues.add(`${field}.min`, `must be ${expectedMin} (bands are contiguous from 0)`);
      return bands;
    }
    if (max === undefined || (max !== null && max < min)) {
      issues.add(`${field}.max`, 'must be an integer >= min, or null for no upper bound');
      return bands;
    }
    if (max === null && i !== value.length - 1) {
      issues.add(`${field}.max`, 'only the last band may be open-ended');
      return bands;
    }
    bands.push({ band, min, max, name: parseText(raw.name, `${field}.name`, issues) });
    expectedMin = max === null ? Number.POSITIVE_INFINITY : max + 1;
  }
  if (new Set(bands.map((b) => b.band)).size !== bands.length) {
    issues.add('corruptionBands', 'each band name may appear once');
  }
  const last = bands[bands.length - 1];
  if (last !== undefined && last.max !== null && last.max < corruptionIndicatorCount) {
    issues.add('corruptionBands', `must cover scores up to ${corruptionIndicatorCount}`);
  }
  return bands;
}

function parseThresholds(value: Json, issues: Issues): ColourThresholds {
  if (!isRecord(value) || !isFraction(value.greenAbove) || !isFraction(value.yellowAbove) || value.yellowAbove >= value.greenAbove) {
    issues.add('colourThresholds', 'must be { greenAbove, yellowAbove } fractions with yellowAbove < greenAbove');
    return DEFAULT_COLOUR_THRESHOLDS;
  }
  return { greenAbove: value.greenAbove, yellowAbove: value.yellowAbove };
}

function parseInfrastructure(value: Json, issues: Issues): InfrastructureSettings {
  const empty: InfrastructureSettings = {
    percentagePassAbove: 0.5,
    components: {
      authenticSources: { az: '', en: '' },
      eIdentity: { az: '', en: '' },
      secureDelivery: { az: '', en: '' },
    },
    questions: [],
  };
  if (!isRecord(value)) {
    issues.add('infrastructure', 'must be an object');
    return empty;
  }
  if (!isFraction(value.percentagePassAbove)) {
    issues.add('infrastructure.percentagePassAbove', 'must be a fraction 0..1');
  }
  const rawComponents = isRecord(value.components) ? value.components : {};
  if (!isRecord(value.components)) issues.add('infrastructure.components', 'must be an object');
  const components = {
    authenticSources: parseText(rawComponents.authenticSources, 'infrastructure.components.authenticSources', issues),
    eIdentity: parseText(rawComponents.eIdentity, 'infrastructure.components.eIdentity', issues),
    secureDelivery: parseText(rawComponents.secureDelivery, 'infrastructure.components.secureDelivery', issues),
  };
  const questions: InfrastructureQuestion[] = [];
  if (!isJsonArray(value.questions)) {
    issues.add('infrastructure.questions', 'must be an array');
  } else {
    const ids = new Set<string>();
    value.questions.forEach((raw: Json, i) => {
      const field = `infrastructure.questions[${i}]`;
      if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id.trim() === '') {
        issues.add(field, 'must be an object with a non-empty string id');
        return;
      }
      if (ids.has(raw.id)) issues.add(`${field}.id`, `duplicate question ${raw.id}`);
      ids.add(raw.id);
      const component = raw.component;
      if (typeof component !== 'string' || !(INFRASTRUCTURE_COMPONENTS as readonly string[]).includes(component)) {
        issues.add(`${field}.component`, `must be one of ${INFRASTRUCTURE_COMPONENTS.join(', ')}`);
        return;
      }
      if (raw.kind !== 'yesNo' && raw.kind !== 'percentage') {
        issues.add(`${field}.kind`, 'must be "yesNo" or "percentage"');
        return;
      }
      questions.push({
        id: raw.id,
        component: component as InfrastructureComponent,
        kind: raw.kind,
        text: parseText(raw.text, `${field}.text`, issues),
      });
    });
    // Sect. 4: each component is the mean of its answers, so it needs at least one question.
    for (const component of INFRASTRUCTURE_COMPONENTS) {
      if (!questions.some((q) => q.component === component)) {
        issues.add('infrastructure.questions', `no question for component ${component}`);
      }
    }
  }
  return {
    percentagePassAbove: isFraction(value.percentagePassAbove) ? value.percentagePassAbove : 0.5,
    components,
    questions,
  };
}

function parseResponsiveness(value: Json, issues: Issues): ResponsivenessSettings {
  const fallback: ResponsivenessSettings = { weights: { review: 0.7, referral: 0.3 }, minCohort: 20 };
  if (!isRecord(value)) {
    issues.add('responsiveness', 'must be an object');
    return fallback;
  }
  const weights = value.weights;
  let parsedWeights = fallback.weights;
  if (!isRecord(weights) || !isPositiveFinite(weights.review) || !isPositiveFinite(weights.referral)) {
    // Both must be positive: a zero weight would make "leave the component out" meaningless.
    issues.add('responsiveness.weights', 'must be { review, referral } positive finite numbers');
  } else {
    parsedWeights = { review: weights.review, referral: weights.referral };
  }
  if (!isNonNegativeInteger(value.minCohort)) {
    issues.add('responsiveness.minCohort', 'must be a non-negative integer');
  }
  return {
    weights: parsedWeights,
    minCohort: isNonNegativeInteger(value.minCohort) ? value.minCohort : fallback.minCohort,
  };
}

const TOP_LEVEL_KEYS = [
  'version',
  'source',
  'indicators',
  'mandatoryByLevel',
  'corruptionBands',
  'colourThresholds',
  'infrastructure',
  'responsiveness',
];

/**
 * Validates a methodology file and returns it typed. Throws MethodologyConfigError listing every
 * problem found (not only the first), so a bad file is fixed in one pass.
 */
export function parseMethodology(json: unknown): Methodology {
  const issues = new Issues();
  if (!isRecord(json)) {
    throw new MethodologyConfigError([{ field: '', message: 'methodology must be a JSON object' }]);
  }
  for (const key of Object.keys(json)) {
    // Unknown keys are usually typos of a real setting that would silently fall back.
    if (!TOP_LEVEL_KEYS.includes(key)) issues.add(key, 'unknown setting');
  }
  if (typeof json.version !== 'string' || json.version.trim() === '') {
    issues.add('version', 'must be a non-empty string');
  }
  if (json.source !== undefined && typeof json.source !== 'string') {
    issues.add('source', 'must be a string when present');
  }
  const indicators = parseIndicators(json.indicators, issues);
  const mandatoryByLevel = parseMandatory(json.mandatoryByLevel, indicators, issues);
  const corruptionCount = indicators.filter((d) => d.corruptionReducing).length;
  const corruptionBands = parseBands(json.corruptionBands, corruptionCount, issues);
  const colourThresholds = parseThresholds(json.colourThresholds, issues);
  const infrastructure = parseInfrastructure(json.infrastructure, issues);
  const responsiveness = parseResponsiveness(json.responsiveness, issues);
  if (issues.list.length > 0) throw new MethodologyConfigError(issues.list);
  return {
    version: json.version as string,
    indicators,
    mandatoryByLevel,
    corruptionBands,
    colourThresholds,
    infrastructure,
    responsiveness,
  };
}
