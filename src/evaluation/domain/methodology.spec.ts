import v1 from '../../../config/methodology/v1.json';
import { DEFAULT_RESPONSIVENESS_OPTIONS } from './responsiveness';
import { DEFAULT_COLOUR_THRESHOLDS, MethodologyConfigError, colourFor, parseMethodology } from './methodology';

/** A deep copy of v1 to break in one place per test. */
function v1Copy(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v1)) as Record<string, unknown>;
}

function parseErrors(json: unknown): string[] {
  try {
    parseMethodology(json);
  } catch (error) {
    expect(error).toBeInstanceOf(MethodologyConfigError);
    return (error as MethodologyConfigError).fields.map((f) => `${f.field}: ${f.message}`);
  }
  throw new Error('expected parseMethodology to throw');
}

describe('parseMethodology on config/methodology/v1.json', () => {
  const methodology = parseMethodology(v1);

  it('reads the version and the 17 indicators in order, named in Azerbaijani and English', () => {
    expect(methodology.version).toBe('2026.1');
    expect(methodology.indicators.map((d) => d.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    for (const d of methodology.indicators) {
      expect(d.name.az.length).toBeGreaterThan(10);
      expect(d.name.en.length).toBeGreaterThan(10);
    }
  });

  it('marks the 11 corruption-reducing indicators of sect. 2', () => {
    const reducing = methodology.indicators.filter((d) => d.corruptionReducing).map((d) => d.number);
    expect(reducing).toEqual([2, 4, 7, 8, 10, 11, 12, 13, 15, 16, 17]);
  });

  it('carries the default mandatory sets of sect. 2', () => {
    expect(methodology.mandatoryByLevel).toEqual({
      1: [1, 2],
      2: [1, 2, 6],
      3: [1, 2, 6, 7, 9],
      4: [1, 2, 6, 7, 9, 13, 15],
      5: [1, 2, 7, 9, 13, 16],
    });
  });

  it('has the sect. 4 survey: 6 + 7 + 3 questions, percentages where the source asks "what share"', () => {
    const { questions } = methodology.infrastructure;
    expect(questions.filter((q) => q.component === 'authenticSources')).toHaveLength(6);
    expect(questions.filter((q) => q.component === 'eIdentity')).toHaveLength(7);
    expect(questions.filter((q) => q.component === 'secureDelivery')).toHaveLength(3);
    expect(questions.filter((q) => q.kind === 'percentage').map((q) => q.id)).toEqual(['2.5', '2.6', '2.7', '3.2', '3.3']);
  });

  it('keeps the code defaults in step with the file', () => {
    expect(methodology.colourThresholds).toEqual(DEFAULT_COLOUR_THRESHOLDS);
    expect(methodology.responsiveness).toEqual({
      weights: DEFAULT_RESPONSIVENESS_OPTIONS.weights,
      minCohort: DEFAULT_RESPONSIVENESS_OPTIONS.minCohort,
    });
  });
});

describe('parseMethodology validation', () => {
  it('rejects a non-object', () => {
    expect(() => parseMethodology(null)).toThrow(MethodologyConfigError);
    expect(() => parseMethodology([])).toThrow(/must be a JSON object/);
  });

  it('reports every problem at once, with the field path', () => {
    const json = v1Copy();
    json.version = '';
    json.mandatoryBylevel = {};
    (json.colourThresholds as Record<string, number>).yellowAbove = 0.9;
    const errors = parseErrors(json);
    expect(errors).toEqual(
      expect.arrayContaining([
        'version: must be a non-empty string',
        'mandatoryBylevel: unknown setting',
        expect.stringMatching(/^colourThresholds: /),
      ]),
    );
    expect(errors).toHaveLength(3);
  });

  it('rejects a mandatory indicator that does not exist or does not belong to the level', () => {
    const json = v1Copy();
    const mandatory = json.mandatoryByLevel as Record<string, number[]>;
    mandatory['1'] = [1, 2, 42];
    mandatory['5'] = [1, 2, 6, 7, 9, 13, 16]; // indicator 6 belongs to levels 2-4 only
    expect(parseErrors(json)).toEqual([
      'mandatoryByLevel.1: unknown indicator 42',
      'mandatoryByLevel.5: indicator 6 does not belong to level 5',
    ]);
  });

  it('rejects an empty mandatory set and a missing or unknown level', () => {
    const json = v1Copy();
    const mandatory = json.mandatoryByLevel as Record<string, number[]>;
    mandatory['2'] = [];
    delete mandatory['3'];
    mandatory['6'] = [1];
    expect(parseErrors(json)).toEqual([
      'mandatoryByLevel.6: unknown level (expected 1..5)',
      'mandatoryByLevel.2: must be a non-empty array of indicator numbers',
      'mandatoryByLevel.3: must be a non-empty array of indicator numbers',
    ]);
  });

  it('rejects duplicate or malformed indicators', () => {
    const json = v1Copy();
    const indicators = json.indicators as Record<string, unknown>[];
    indicators[1].number = 1;
    indicators[2].corruptionReducing = 'yes';
    indicators[3].levels = [0, 6];
    indicators[4].name = { az: 'x' };
    const errors = parseErrors(json);
    expect(errors).toEqual(
      expect.arrayContaining([
        'indicators[1].number: duplicate indicator 1',
        'indicators[2].corruptionReducing: must be a boolean',
        'indicators[3].levels: must be a non-empty array of levels 1..5',
        'indicators[4].name: must be { az, en } with non-empty strings',
      ]),
    );
  });

  it('rejects corruption bands with a gap, an overlap or too short a range', () => {
    const gap = v1Copy();
    (gap.corruptionBands as Record<string, unknown>[])[1].min = 4;
    expect(parseErrors(gap)).toEqual(['corruptionBands[1].min: must be 3 (bands are contiguous from 0)']);

    const short = v1Copy();
    (short.corruptionBands as Record<string, unknown>[])[2].max = 10;
    expect(parseErrors(short)).toEqual(['corruptionBands: must cover scores up to 11']);

    const openMiddle = v1Copy();
    (openMiddle.corruptionBands as Record<string, unknown>[])[1].max = null;
    expect(parseErrors(openMiddle)).toEqual(expect.arrayContaining(['corruptionBands[1].max: only the last band may be open-ended']));
  });

  it('rejects an infrastructure component without questions and a bad question kind', () => {
    const json = v1Copy();
    const infra = json.infrastructure as { questions: Record<string, unknown>[] };
    infra.questions = infra.questions.filter((q) => q.component !== 'secureDelivery');
    infra.questions[0].kind = 'scale';
    expect(parseErrors(json)).toEqual([
      'infrastructure.questions[0].kind: must be "yesNo" or "percentage"',
      'infrastructure.questions: no question for component secureDelivery',
    ]);
  });

  it('rejects non-positive weights and a bad minCohort', () => {
    const json = v1Copy();
    json.responsiveness = { weights: { review: 1, referral: 0 }, minCohort: -1 };
    expect(parseErrors(json)).toEqual([
      'responsiveness.weights: must be { review, referral } positive finite numbers',
      'responsiveness.minCohort: must be a non-negative integer',
    ]);
  });
});

describe('colourFor (sect. 3 traffic light)', () => {
  const t = DEFAULT_COLOUR_THRESHOLDS;

  it.each([
    [1, 'green'],
    [0.7501, 'green'],
    [0.75, 'yellow'], // "75 %-ə qədər": exactly 75 % is not "more than 75 %"
    [0.5001, 'yellow'],
    [0.5, 'red'], // "50 %-ə qədər": exactly 50 % is red, as 50 % scores 0 in sect. 4
    [0, 'red'],
  ])('%p -> %p', (value, colour) => {
    expect(colourFor(value, t)).toBe(colour);
  });

  it('does not let float noise cross a boundary', () => {
    const noisy = 0.7 * 0.75 + 0.3 * 0.75; // 0.7499999999999999
    expect(colourFor(noisy, t)).toBe('yellow');
    expect(colourFor(0.75 + 1e-12, t)).toBe('yellow');
    expect(colourFor(0.5 + 1e-12, t)).toBe('red');
  });
});
