import fc from 'fast-check';
import v1 from '../../../config/methodology/v1.json';
import { assessMaturity, corruptionBandFor, MaturityAnswers } from './maturity';
import { DomainError } from '../../platform/errors/domain-error';
import { EvaluationInputError, parseMethodology } from './methodology';

const methodology = parseMethodology(v1);
const NUMBERS = Array.from({ length: 17 }, (_, i) => i + 1);

/** Answers with "yes" exactly for the given indicators. */
function yesFor(...yes: number[]): Record<number, boolean> {
  return Object.fromEntries(NUMBERS.map((n) => [n, yes.includes(n)]));
}

function inputErrors(answers: unknown): string[] {
  try {
    assessMaturity(methodology, answers as MaturityAnswers);
  } catch (error) {
    expect(error).toBeInstanceOf(EvaluationInputError);
    expect(error).toBeInstanceOf(DomainError); // so the problem filter renders a 422 with `errors`
    expect((error as EvaluationInputError).code).toBe('VALIDATION_FAILED');
    expect((error as EvaluationInputError).errors).toBe((error as EvaluationInputError).fields);
    return (error as EvaluationInputError).fields.map((f) => `${f.field}: ${f.message}`);
  }
  throw new Error('expected assessMaturity to throw');
}

describe('assessMaturity: the source worked example (e-declaration, "Elektron bəyannamə")', () => {
  const result = assessMaturity(methodology, yesFor(1, 2, 3, 4, 5, 6, 7, 8, 9));

  it('is level 3 with columns 1, 2, 3 reached: the source row "3 0 1 2 3 0 0"', () => {
    expect(result.level).toBe(3);
    expect(result.levelsReached).toEqual([1, 2, 3]);
    expect(result.columns).toEqual([0, 1, 2, 3, 0, 0]);
    expect([result.level, ...result.columns].join(' ')).toBe('3 0 1 2 3 0 0');
  });

  it('scores 4 on corruption reduction (2, 4, 7, 8), band "good"', () => {
    expect(result.corruptionScore).toBe(4);
    expect(result.corruptionBand).toBe('good');
  });

  it('names the methodology version', () => {
    expect(result.methodologyVersion).toBe('2026.1');
  });

  it('accepts the API body shape with string keys', () => {
    const body = JSON.parse(JSON.stringify(yesFor(1, 2, 3, 4, 5, 6, 7, 8, 9))) as Record<string, boolean>;
    expect(Object.keys(body)[0]).toBe('1');
    expect(assessMaturity(methodology, body).level).toBe(3);
  });
});

describe('assessMaturity levels', () => {
  it('all "no" is level 0, every column 0, score 0 "basic"', () => {
    const r = assessMaturity(methodology, yesFor());
    expect(r).toMatchObject({ level: 0, levelsReached: [], columns: [0, 0, 0, 0, 0, 0], corruptionScore: 0, corruptionBand: 'basic' });
  });

  it('all "yes" is level 5 with every column, score 11 "excellent"', () => {
    const r = assessMaturity(methodology, yesFor(...NUMBERS));
    expect(r).toMatchObject({ level: 5, levelsReached: [1, 2, 3, 4, 5], columns: [0, 1, 2, 3, 4, 5], corruptionScore: 11 });
    expect(r.corruptionBand).toBe('excellent');
  });

  it('no public web page (indicator 1 "no") means level 0 whatever else is true', () => {
    const allButOne = NUMBERS.filter((n) => n !== 1);
    expect(assessMaturity(methodology, yesFor(...allButOne)).level).toBe(0);
  });

  it('level 1 needs only 1 and 2; level 2 adds the paper form (6)', () => {
    expect(assessMaturity(methodology, yesFor(1, 2)).levelsReached).toEqual([1]);
    expect(assessMaturity(methodology, yesFor(1, 2, 6)).levelsReached).toEqual([1, 2]);
  });

  it('without electronic payment (13) there is no level 4 (sect. 2, source sect. 2)', () => {
    const withoutPayment = NUMBERS.filter((n) => n !== 13);
    const r = assessMaturity(methodology, yesFor(...withoutPayment));
    expect(r.levelsReached).toEqual([1, 2, 3]);
    expect(r.level).toBe(3);
  });

  it('a paperless service without a paper form (6 "no") reaches level 5 though not 2-4', () => {
    const r = assessMaturity(methodology, yesFor(1, 2, 7, 9, 13, 16));
    expect(r.levelsReached).toEqual([1, 5]);
    expect(r.columns).toEqual([0, 1, 0, 0, 0, 5]);
    expect(r.level).toBe(5);
  });

  it('level 4 needs 15, level 5 needs 16', () => {
    expect(assessMaturity(methodology, yesFor(1, 2, 6, 7, 9, 13, 15)).level).toBe(4);
    expect(assessMaturity(methodology, yesFor(1, 2, 6, 7, 9, 13, 16)).level).toBe(5);
    expect(assessMaturity(methodology, yesFor(1, 2, 6, 7, 9, 13)).level).toBe(3);
  });
});

describe('corruption bands (0-2 basic, 3-5 good, 6+ excellent)', () => {
  it.each([
    [0, 'basic'],
    [2, 'basic'],
    [3, 'good'],
    [5, 'good'],
    [6, 'excellent'],
    [11, 'excellent'],
  ])('score %p -> %p', (score, band) => {
    expect(corruptionBandFor(methodology, score)).toBe(band);
  });

  it('counts only corruption-reducing indicators', () => {
    // 1, 3, 5, 6, 9, 14 are not corruption-reducing.
    expect(assessMaturity(methodology, yesFor(1, 3, 5, 6, 9, 14)).corruptionScore).toBe(0);
    expect(assessMaturity(methodology, yesFor(2, 4, 7)).corruptionScore).toBe(3);
  });
});

describe('assessMaturity validation', () => {
  it('lists every missing indicator', () => {
    const answers: Record<number, boolean> = yesFor(1, 2);
    delete answers[5];
    delete answers[17];
    expect(inputErrors(answers)).toEqual(['answers.5: missing answer', 'answers.17: missing answer']);
  });

  it('rejects non-boolean answers (1/0, "yes", null) and unknown indicators', () => {
    const answers: Record<string, unknown> = { ...yesFor(1, 2), 3: 1, 4: 'yes', 6: null, 18: true };
    expect(inputErrors(answers)).toEqual([
      'answers.3: must be true or false',
      'answers.4: must be true or false',
      'answers.6: must be true or false',
      'answers.18: unknown indicator',
    ]);
  });

  it('rejects a non-object', () => {
    expect(inputErrors(null)).toEqual(['answers: must be an object keyed by indicator number']);
    expect(inputErrors([true, false])).toEqual(['answers: must be an object keyed by indicator number']);
  });

  it('an empty object lists all 17', () => {
    expect(inputErrors({})).toHaveLength(17);
  });
});

describe('assessMaturity properties', () => {
  const answersArb = fc
    .array(fc.boolean(), { minLength: 17, maxLength: 17 })
    .map((bits) => Object.fromEntries(bits.map((b, i) => [i + 1, b])) as Record<number, boolean>);

  it('level is the highest column reached and columns mirror levelsReached', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const r = assessMaturity(methodology, answers);
        expect(r.level).toBe(Math.max(0, ...r.levelsReached));
        expect(r.columns).toEqual([0, 1, 2, 3, 4, 5].map((k) => (r.levelsReached.some((l) => l === k) ? k : 0)));
        expect(r.corruptionScore).toBeGreaterThanOrEqual(0);
        expect(r.corruptionScore).toBeLessThanOrEqual(11);
      }),
    );
  });

  it('turning a "no" into a "yes" never lowers the level or the corruption score', () => {
    fc.assert(
      fc.property(answersArb, fc.integer({ min: 1, max: 17 }), (answers, flip) => {
        const before = assessMaturity(methodology, { ...answers, [flip]: false });
        const after = assessMaturity(methodology, { ...answers, [flip]: true });
        expect(after.level).toBeGreaterThanOrEqual(before.level);
        expect(after.corruptionScore).toBeGreaterThanOrEqual(before.corruptionScore);
      }),
    );
  });
});
