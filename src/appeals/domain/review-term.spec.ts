import { DomainError } from '../../platform/errors/domain-error';
import {
  initialReviewTerm,
  restartedAtReceivingAgency,
  totalWorkingDays,
  withAdditionalStudy,
  withExtension,
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

describe('review terms (Art. 10.1-10.4, 7.10)', () => {
  it('starts at 15 working days, or 24 hours for urgent appeals', () => {
    expect(totalWorkingDays(initialReviewTerm('standard', '2026-03-02'))).toBe(15);
    expect(totalWorkingDays(initialReviewTerm('military', '2026-03-02'))).toBe(15);
    expect(totalWorkingDays(initialReviewTerm('urgent', '2026-03-02'))).toBeNull();
  });

  it('becomes 30 working days from receipt for additional study, once, standard regime only', () => {
    const studied = withAdditionalStudy(initialReviewTerm('standard', '2026-03-02'));
    expect(studied).toMatchObject({ from: '2026-03-02', workingDays: 30 });
    expect(codeOf(() => withAdditionalStudy(studied))).toBe('TERM_CHANGE_NOT_ALLOWED');
    expect(codeOf(() => withAdditionalStudy(initialReviewTerm('military', '2026-03-02')))).toBe('TERM_CHANGE_NOT_ALLOWED');
    expect(codeOf(() => withAdditionalStudy(initialReviewTerm('urgent', '2026-03-02')))).toBe('TERM_CHANGE_NOT_ALLOWED');
  });

  it('extends once by 1 to 30 working days from the end of the current term', () => {
    const term = withAdditionalStudy(initialReviewTerm('standard', '2026-03-02'));
    const extended = withExtension(term, 30);
    expect(totalWorkingDays(extended)).toBe(60);
    expect(codeOf(() => withExtension(extended, 5))).toBe('TERM_CHANGE_NOT_ALLOWED');
    expect(codeOf(() => withExtension(term, 0))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => withExtension(term, 31))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => withExtension(term, 2.5))).toBe('VALIDATION_FAILED');
  });

  it('never extends military or urgent appeals', () => {
    expect(codeOf(() => withExtension(initialReviewTerm('military', '2026-03-02'), 10))).toBe('TERM_CHANGE_NOT_ALLOWED');
    expect(codeOf(() => withExtension(initialReviewTerm('urgent', '2026-03-02'), 10))).toBe('TERM_CHANGE_NOT_ALLOWED');
  });

  it('restarts at the receiving agency from its receipt, without the sender study or extension', () => {
    const used = withExtension(withAdditionalStudy(initialReviewTerm('standard', '2026-03-02')), 10);
    expect(restartedAtReceivingAgency(used, '2026-03-05')).toEqual({
      regime: 'standard',
      from: '2026-03-05',
      workingDays: 15,
      extensionWorkingDays: 0,
    });
  });
});
