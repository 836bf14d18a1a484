import { CorruptionBand, EvaluationInputError, FieldError, MATURITY_LEVELS, MaturityLevel, Methodology } from './methodology';

/** Self-assessment answers keyed by indicator number (JSON keys "1".."17" index the same way). */
export type MaturityAnswers = Readonly<Record<number, boolean>>;

export interface MaturityAssessment {
  /** Highest level whose column is reached, 0 when none is (sect. 2 "Maturity level"). */
  readonly level: 0 | MaturityLevel;
  readonly levelsReached: readonly MaturityLevel[];
  /**
   * The source's row after the level: columns "level 0".."level 5", column k printing k when
   * reached and 0 otherwise (column 0 is therefore always 0). E-declaration: [0, 1, 2, 3, 0, 0].
   */
  readonly columns: readonly number[];
  readonly corruptionScore: number;
  readonly corruptionBand: CorruptionBand;
  readonly methodologyVersion: string;
}

/**
 * Checks that every indicator of the methodology has a boolean answer and that no unknown
 * indicator is answered; throws EvaluationInputError listing each offending `answers.<n>`.
 */
export function validateMaturityAnswers(methodology: Methodology, answers: unknown): MaturityAnswers {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    throw new EvaluationInputError([{ field: 'answers', message: 'must be an object keyed by indicator number' }]);
  }
  const given = answers as Readonly<Record<string, unknown>>;
  const known = new Set(methodology.indicators.map((d) => String(d.number)));
  const fields: FieldError[] = [];
  for (const def of methodology.indicators) {
    const key = String(def.number);
    if (!Object.prototype.hasOwnProperty.call(given, key) || given[key] === undefined) {
      fields.push({ field: `answers.${key}`, message: 'missing answer' });
    } else if (typeof given[key] !== 'boolean') {
      fields.push({ field: `answers.${key}`, message: 'must be true or false' });
    }
  }
  for (const key of Object.keys(given)) {
    if (!known.has(key)) fields.push({ field: `answers.${key}`, message: 'unknown indicator' });
  }
  if (fields.length > 0) throw new EvaluationInputError(fields);
  return given as MaturityAnswers;
}

/** Sect. 2 "Corruption-reduction score": number of "yes" among the corruption-reducing indicators. */
export function corruptionScore(methodology: Methodology, answers: MaturityAnswers): number {
  return methodology.indicators.filter((d) => d.corruptionReducing && answers[d.number] === true).length;
}

/** Sect. 2 bands (0-2 basic, 3-5 good, 6+ excellent in v1); parseMethodology guarantees full coverage. */
export function corruptionBandFor(methodology: Methodology, score: number): CorruptionBand {
  const band = methodology.corruptionBands.find((b) => score >= b.min && (b.max === null || score <= b.max));
  if (band === undefined) throw new RangeError(`No corruption band covers score ${score}`);
  return band.band;
}

/**
 * Maturity level and corruption score of one e-service for one period (methodology sect. 2).
 * A column is reached when all mandatory indicators of that level are "yes"; the level is the
 * highest column reached, even when a lower column is not (v1's level 5 does not require the paper
 * form of indicator 6, so a paperless service can reach 5 without 3 and 4).
 */
export function assessMaturity(methodology: Methodology, answers: MaturityAnswers): MaturityAssessment {
  const valid = validateMaturityAnswers(methodology, answers);
  const levelsReached = MATURITY_LEVELS.filter((level) => methodology.mandatoryByLevel[level].every((n) => valid[n] === true));
  const level = levelsReached.length === 0 ? 0 : levelsReached[levelsReached.length - 1];
  const columns = [0, ...MATURITY_LEVELS.map((k) => (levelsReached.includes(k) ? k : 0))];
  const score = corruptionScore(methodology, valid);
  return {
    level,
    levelsReached,
    columns,
    corruptionScore: score,
    corruptionBand: corruptionBandFor(methodology, score),
    methodologyVersion: methodology.version,
  };
}
