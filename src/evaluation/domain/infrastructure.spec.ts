import fc from 'fast-check';
import v1 from '../../../config/methodology/v1.json';
import { InfrastructureAnswers, infrastructureIndex, roundHalfUp } from './infrastructure';
import { EvaluationInputError, parseMethodology } from './methodology';

const methodology = parseMethodology(v1);

/** The source's worked example (sect. 4). */
const SOURCE_EXAMPLE: InfrastructureAnswers = {
  '1.1': true,
  '1.2': false,
  '1.3': true,
  '1.4': true,
  '1.5': true,
  '1.6': true,
  '2.1': true,
  '2.2': true,
  '2.3': true,
  '2.4': true,
  '2.5': 0.01,
  '2.6': 0.01,
  '2.7': 0.1,
  '3.1': true,
  '3.2': 0.05,
  '3.3': 0.1,
};

function inputErrors(answers: unknown): string[] {
  try {
    infrastructureIndex(methodology, answers as InfrastructureAnswers);
  } catch (error) {
    expect(error).toBeInstanceOf(EvaluationInputError);
    return (error as EvaluationInputError).fields.map((f) => `${f.field}: ${f.message}`);
  }
  throw new Error('expected infrastructureIndex to throw');
}

describe('infrastructureIndex: the source worked example', () => {
  const r = infrastructureIndex(methodology, SOURCE_EXAMPLE);

  it('maps the percentages 1 %, 1 %, 10 %, 5 %, 10 % to 0', () => {
    expect(r.scores).toMatchObject({ '2.5': 0, '2.6': 0, '2.7': 0, '3.2': 0, '3.3': 0, '1.2': 0, '1.1': 1 });
  });

  it('has components 5/6, 4/7, 1/3 and the index their mean', () => {
    expect(r.components.authenticSources).toBe(5 / 6);
    expect(r.components.eIdentity).toBe(4 / 7);
    expect(r.components.secureDelivery).toBe(1 / 3);
    expect(r.index).toBeCloseTo((5 / 6 + 4 / 7 + 1 / 3) / 3, 15);
  });

  it('rounds to 0.83 / 0.57 / 0.33 -> 0.58', () => {
    expect(r.rounded).toEqual({
      components: { authenticSources: 0.83, eIdentity: 0.57, secureDelivery: 0.33 },
      index: 0.58,
    });
  });

  it("shows 0.8 / 0.6 / 0.3 -> 0.6 at the source's one decimal", () => {
    expect(roundHalfUp(r.components.authenticSources, 1)).toBe(0.8);
    expect(roundHalfUp(r.components.eIdentity, 1)).toBe(0.6);
    expect(roundHalfUp(r.components.secureDelivery, 1)).toBe(0.3);
    expect(roundHalfUp(r.index, 1)).toBe(0.6);
  });

  it('colours the components like sect. 3: green, yellow, red; index yellow', () => {
    expect(r.colours).toEqual({
      components: { authenticSources: 'green', eIdentity: 'yellow', secureDelivery: 'red' },
      index: 'yellow',
    });
    expect(r.methodologyVersion).toBe('2026.1');
  });
});

describe('infrastructureIndex percentage mapping (0-50 % -> 0, 51-100 % -> 1)', () => {
  it.each([
    [0, 0],
    [0.5, 0],
    [0.505, 1],
    [0.51, 1],
    [1, 1],
  ])('%p -> %p', (fraction, score) => {
    const r = infrastructureIndex(methodology, { ...SOURCE_EXAMPLE, '3.2': fraction });
    expect(r.scores['3.2']).toBe(score);
  });

  it('all yes and 100 % gives index 1; all no and 0 % gives 0', () => {
    const all = (yes: boolean): InfrastructureAnswers =>
      Object.fromEntries(methodology.infrastructure.questions.map((q) => [q.id, q.kind === 'yesNo' ? yes : yes ? 1 : 0]));
    expect(infrastructureIndex(methodology, all(true)).index).toBe(1);
    expect(infrastructureIndex(methodology, all(false)).index).toBe(0);
  });
});

describe('roundHalfUp', () => {
  it('rounds halves up despite binary floats', () => {
    expect(roundHalfUp(0.125, 2)).toBe(0.13);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(0.57937, 2)).toBe(0.58);
    expect(roundHalfUp(0.05, 1)).toBe(0.1);
  });
});

describe('infrastructureIndex validation', () => {
  it('lists missing answers', () => {
    const { '1.2': _a, '3.3': _b, ...rest } = SOURCE_EXAMPLE;
    expect(inputErrors(rest)).toEqual(['answers.1.2: missing answer', 'answers.3.3: missing answer']);
  });

  it('rejects a number for a yes/no question, a boolean or out-of-range value for a percentage, and unknown ids', () => {
    const answers = { ...SOURCE_EXAMPLE, '1.1': 1, '2.5': true, '2.6': 51, '2.7': -0.1, '3.2': Number.NaN, '4.1': true };
    expect(inputErrors(answers)).toEqual([
      'answers.1.1: must be true or false',
      'answers.2.5: must be a fraction between 0 and 1 (e.g. 0.51 for 51 %)',
      'answers.2.6: must be a fraction between 0 and 1 (e.g. 0.51 for 51 %)',
      'answers.2.7: must be a fraction between 0 and 1 (e.g. 0.51 for 51 %)',
      'answers.3.2: must be a fraction between 0 and 1 (e.g. 0.51 for 51 %)',
      'answers.4.1: unknown question',
    ]);
  });

  it('rejects a non-object', () => {
    expect(inputErrors(null)).toEqual(['answers: must be an object keyed by question id']);
  });
});

describe('infrastructureIndex properties', () => {
  const questions = methodology.infrastructure.questions;
  const answersArb = fc
    .tuple(...questions.map((q) => (q.kind === 'yesNo' ? fc.boolean() : fc.double({ min: 0, max: 1, noNaN: true }))))
    .map((values) => Object.fromEntries(values.map((v, i) => [questions[i].id, v])) as InfrastructureAnswers);

  it('components and index lie in 0..1 and the index is the mean of the components', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const r = infrastructureIndex(methodology, answers);
        const values = Object.values(r.components);
        for (const v of [...values, r.index]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        expect(r.index).toBeCloseTo(values.reduce((a, b) => a + b, 0) / 3, 12);
      }),
    );
  });
});
