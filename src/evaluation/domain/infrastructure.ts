import {
  Colour,
  EvaluationInputError,
  FieldError,
  INFRASTRUCTURE_COMPONENTS,
  InfrastructureComponent,
  InfrastructureQuestion,
  Methodology,
  colourFor,
} from './methodology';

/** Expert answers keyed by question id ("1.1", "2.5", ...): booleans, or percentages as fractions 0..1. */
export type InfrastructureAnswers = Readonly<Record<string, boolean | number>>;

export type ComponentScores = Readonly<Record<InfrastructureComponent, number>>;

export interface InfrastructureIndex {
  /** Exact component means 0..1 (worked example: 5/6, 4/7, 1/3). */
  readonly components: ComponentScores;
  /** Exact mean of the three components, 0..1 (worked example 0.5794). */
  readonly index: number;
  /** The same to 2 decimals, half up (0.83 / 0.57 / 0.33 -> 0.58); the source prints 1 decimal (0.6). */
  readonly rounded: { readonly components: ComponentScores; readonly index: number };
  /** Traffic light per component and for the index (sect. 4 "over 75 %, 50-75 %, up to 50 %"). */
  readonly colours: { readonly components: Readonly<Record<InfrastructureComponent, Colour>>; readonly index: Colour };
  /** Each question's 0/1 score after mapping percentages (the source's "hesablama" column). */
  readonly scores: Readonly<Record<string, 0 | 1>>;
  readonly methodologyVersion: string;
}

/** Half-up rounding of a non-negative number; EPSILON keeps 0.125 -> 0.13 despite binary floats. */
export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

function scoreAnswer(question: InfrastructureQuestion, answer: unknown, passAbove: number, fields: FieldError[]): 0 | 1 | undefined {
  const field = `answers.${question.id}`;
  if (answer === undefined) {
    fields.push({ field, message: 'missing answer' });
    return undefined;
  }
  if (question.kind === 'yesNo') {
    if (typeof answer !== 'boolean') {
      fields.push({ field, message: 'must be true or false' });
      return undefined;
    }
    return answer ? 1 : 0;
  }
  if (typeof answer !== 'number' || !Number.isFinite(answer) || answer < 0 || answer > 1) {
    fields.push({ field, message: 'must be a fraction between 0 and 1 (e.g. 0.51 for 51 %)' });
    return undefined;
  }
  // Sect. 4: "0-50 % -> 0, 51-100 % -> 1"; with fractions the cut is strictly above 0.50.
  return answer > passAbove ? 1 : 0;
}

/**
 * National e-infrastructure index from the expert survey (methodology sect. 4): each component is
 * the mean of its question scores, the index the unweighted mean of the three components.
 * Every question must be answered; unknown ids are rejected (a typo would otherwise be ignored).
 */
export function infrastructureIndex(methodology: Methodology, answers: InfrastructureAnswers): InfrastructureIndex {
  const settings = methodology.infrastructure;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    throw new EvaluationInputError([{ field: 'answers', message: 'must be an object keyed by question id' }]);
  }
  const given = answers as Readonly<Record<string, unknown>>;
  const fields: FieldError[] = [];
  const scores: Record<string, 0 | 1> = {};
  for (const question of settings.questions) {
    const own = Object.prototype.hasOwnProperty.call(given, question.id) ? given[question.id] : undefined;
    const score = scoreAnswer(question, own, settings.percentagePassAbove, fields);
    if (score !== undefined) scores[question.id] = score;
  }
  const known = new Set(settings.questions.map((q) => q.id));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) fields.push({ field: `answers.${key}`, message: 'unknown question' });
  }
  if (fields.length > 0) throw new EvaluationInputError(fields);

  const componentMean = (component: InfrastructureComponent): number => {
    const own = settings.questions.filter((q) => q.component === component);
    return own.reduce((sum, q) => sum + scores[q.id], 0) / own.length;
  };
  const components: ComponentScores = {
    authenticSources: componentMean('authenticSources'),
    eIdentity: componentMean('eIdentity'),
    secureDelivery: componentMean('secureDelivery'),
  };
  // Mean of the exact components, not of rounded ones: rounding happens once, at the end.
  const index = INFRASTRUCTURE_COMPONENTS.reduce((sum, c) => sum + components[c], 0) / INFRASTRUCTURE_COMPONENTS.length;
  const thresholds = methodology.colourThresholds;
  return {
    components,
    index,
    rounded: {
      components: {
        authenticSources: roundHalfUp(components.authenticSources, 2),
        eIdentity: roundHalfUp(components.eIdentity, 2),
        secureDelivery: roundHalfUp(components.secureDelivery, 2),
      },
      index: roundHalfUp(index, 2),
    },
    colours: {
      components: {
        authenticSources: colourFor(components.authenticSources, thresholds),
        eIdentity: colourFor(components.eIdentity, thresholds),
        secureDelivery: colourFor(components.secureDelivery, thresholds),
      },
      index: colourFor(index, thresholds),
    },
    scores,
    methodologyVersion: methodology.version,
  };
}
