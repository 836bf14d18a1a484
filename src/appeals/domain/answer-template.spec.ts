import { DomainError } from '../../platform/errors/domain-error';
import { assertTemplateBody, fillAnswerTemplate, HIDDEN_APPLICANT_NAME } from './answer-template';

const values = {
  registrationNumber: 'M-2026-0000012',
  receivedOn: '2 dekabr 2026',
  applicantName: 'Əliyev Vüqar Rəşid oğlu',
  today: '9 dekabr 2026',
};

describe('answer templates', () => {
  it('fills every placeholder, each time it occurs', () => {
    const body =
      'Hörmətli {applicantName}! {receivedOn} tarixli {registrationNumber} nömrəli müraciətinizə ({registrationNumber}) {today} baxıldı.';
    expect(fillAnswerTemplate(body, values)).toBe(
      'Hörmətli Əliyev Vüqar Rəşid oğlu! 2 dekabr 2026 tarixli M-2026-0000012 nömrəli müraciətinizə (M-2026-0000012) 9 dekabr 2026 baxıldı.',
    );
    expect(fillAnswerTemplate('Hörmətli {applicantName}!', { ...values, applicantName: HIDDEN_APPLICANT_NAME })).toBe(
      'Hörmətli müraciət edən!',
    );
  });

  it('refuses an unknown placeholder at the body field, and accepts plain text and the known ones', () => {
    expect(() => assertTemplateBody('Hörmətli {applicantName}, {today}')).not.toThrow();
    expect(() => assertTemplateBody('Cavab mətni, yer tutucu yoxdur.')).not.toThrow();
    try {
      assertTemplateBody('Hörmətli {fullName}!');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).errors[0]).toMatchObject({ field: 'body' });
      expect((error as DomainError).message).toContain('{fullName}');
    }
  });
});
