import { DomainError } from '../../platform/errors/domain-error';
import {
  assertRegimeChangeAllowed,
  initialReviewTerm,
  isTermRunning,
  restartedAtReceivingAgency,
  TermClock,
  totalWorkingDays,
  withAdditionalStudy,
  withExtension,
  withRegime,
} from './review-term';

const codeOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a DomainError');
};

/** A term due at the end of 2 April 2026 (Baku), looked at on `now`. */
const DUE = new Date('2026-04-02T23:59:59+04:00');
const at = (now: string): TermClock => ({ dueAt: DUE, now: new Date(now) });
const RUNNING = at('2026-03-20T10:00:00+04:00');
const EXPIRED = at('2026-04-03T00:00:00+04:00');

describe('review terms (Art. 10.1-10.4, 7.10)', () => {
  it('starts at 15 working days, or 24 hours for urgent appeals', () => {
    expect(totalWorkingDays(initialReviewTerm('standard', '2026-03-02'))).toBe(15);
    expect(totalWorkingDays(initialReviewTerm('military', '2026-03-02'))).toBe(15);
    expect(totalWorkingDays(initialReviewTerm('urgent', '2026-03-02'))).toBeNull();
  });

  it('runs until and including its due instant, not a second longer', () => {
    expect(isTermRunning(at('2026-04-02T23:59:59+04:00'))).toBe(true);
    expect(isTermRunning(at('2026-04-03T00:00:00+04:00'))).toBe(false);
  });

  it('becomes 30 working days from receipt for additional study, once, standard regime only', () => {
    const studied = withAdditionalStudy(initialReviewTerm('standard', '2026-03-02'), RUNNING);
    expect(studied).toMatchObject({ from: '2026-03-02', workingDays: 30 });
    expect(codeOf(() => withAdditionalStudy(studied, RUNNING))).toBe('TERM_CHANGE_NOT_ALLOWED');
    expect(codeOf(() => withAdditionalStudy(initialReviewTerm('military', '2026-03-02'), RUNNING))).toBe('TERM_CHANGE_NOT_ALLOWED');
    expect(codeOf(() => withAdditionalStudy(initialReviewTerm('urgent', '2026-03-02'), RUNNING))).toBe('TERM_CHANGE_NOT_ALLOWED');
  });

  it('orders additional study only while the 15-day term runs and before any extension (appeals-rules.md 8)', () => {
    const term = initialReviewTerm('standard', '2026-03-02');
    expect(codeOf(() => withAdditionalStudy(term, EXPIRED))).toBe('TERM_EXPIRED');
    const extended = withExtension(term, 5, RUNNING);
    expect(codeOf(() => withAdditionalStudy(extended, RUNNING))).toBe('TERM_CHANGE_NOT_ALLOWED');
  });

  it('extends once by 1 to 30 working days from the end of the current term', () => {
    const term = withAdditionalStudy(initialReviewTerm('standard', '2026-03-02'), RUNNING);
    const extended = withExtension(term, 30, RUNNING);
    expect(totalWorkingDays(extended)).toBe(60);
    expect(codeOf(() => withExtension(extended, 5, RUNNING))).toBe('TERM_CHANGE_NOT_ALLOWED');
    expect(codeOf(() => withExtension(term, 0, RUNNING))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => withExtension(term, 31, RUNNING))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => withExtension(term, 2.5, RUNNING))).toBe('VALIDATION_FAILED');
  });

  it('never extends after the due instant: a late case stays late (appeals-rules.md 9)', () => {
    const term = initialReviewTerm('standard', '2026-03-02');
    expect(codeOf(() => withExtension(term, 5, EXPIRED))).toBe('TERM_EXPIRED');
    // Expiry is judged first: the refusal after the due instant is always TERM_EXPIRED.
    expect(codeOf(() => withExtension(initialReviewTerm('military', '2026-03-02'), 5, EXPIRED))).toBe('TERM_EXPIRED');
  });

  it('reports the term the due date is counted on: 30 + 5 = 35', () => {
    const term = withExtension(withAdditionalStudy(initialReviewTerm('standard', '2026-03-02'), RUNNING), 5, RUNNING);
    expect(totalWorkingDays(term)).toBe(35);
  });

  it('never extends military or urgent appeals', () => {
    expect(codeOf(() => withExtension(initialReviewTerm('military', '2026-03-02'), 10, RUNNING))).toBe('TERM_CHANGE_NOT_ALLOWED');
    expect(codeOf(() => withExtension(initialReviewTerm('urgent', '2026-03-02'), 10, RUNNING))).toBe('TERM_CHANGE_NOT_ALLOWED');
  });

  it('recomputes the term from its day 0 on a regime change, keeps it on a confirmation (appeals-rules.md 10)', () => {
    const used = withExtension(withAdditionalStudy(initialReviewTerm('standard', '2026-03-02'), RUNNING), 5, RUNNING);
    expect(withRegime(used, 'standard')).toBe(used);
    expect(withRegime(used, 'military')).toEqual({ regime: 'military', from: '2026-03-02', workingDays: 15, extensionWorkingDays: 0 });
    expect(withRegime(used, 'urgent')).toEqual({ regime: 'urgent', from: '2026-03-02', workingDays: null, extensionWorkingDays: 0 });
    expect(withRegime(initialReviewTerm('urgent', '2026-03-02'), 'standard')).toMatchObject({ workingDays: 15 });
  });

  it('refuses a regime change that would move a passed due instant, or set one already passed', () => {
    const later = new Date('2026-04-20T23:59:59+04:00');
    const past = new Date('2026-03-03T10:00:00+04:00');
    expect(() => assertRegimeChangeAllowed(RUNNING, later)).not.toThrow();
    expect(() => assertRegimeChangeAllowed(EXPIRED, DUE)).not.toThrow(); // nothing moves: a confirmation
    expect(codeOf(() => assertRegimeChangeAllowed(EXPIRED, later))).toBe('TERM_EXPIRED');
    expect(codeOf(() => assertRegimeChangeAllowed(RUNNING, past))).toBe('TERM_EXPIRED');
  });

  it('restarts at the receiving agency from its receipt, without the sender study or extension', () => {
    const used = withExtension(withAdditionalStudy(initialReviewTerm('standard', '2026-03-02'), RUNNING), 10, RUNNING);
    expect(restartedAtReceivingAgency(used, '2026-03-05')).toEqual({
      regime: 'standard',
      from: '2026-03-05',
      workingDays: 15,
      extensionWorkingDays: 0,
    });
  });
});
