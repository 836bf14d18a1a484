import { DomainError } from '../../platform/errors/domain-error';

/**
 * Answer templates (issue 15): an agency's standard wording of a reasoned answer (Art. 7.5), with
 * placeholders the server fills from the case when an official picks the template. The answer is
 * in Azerbaijani whatever the page's language, so the values are too.
 */
export const ANSWER_TEMPLATE_PLACEHOLDERS = ['registrationNumber', 'receivedOn', 'applicantName', 'today'] as const;
export type AnswerTemplatePlaceholder = (typeof ANSWER_TEMPLATE_PLACEHOLDERS)[number];
export type AnswerTemplateValues = Readonly<Record<AnswerTemplatePlaceholder, string>>;

/**
 * appeals-rules.md 18: who may not know who the applicant is gets this neutral form of address
 * ("the applicant") in place of the name.
 */
export const HIDDEN_APPLICANT_NAME = 'müraciət edən';

const PLACEHOLDER = /\{(\w+)\}/g;

/** A body names only the known placeholders, so a typo is caught when the admin saves it, not on a letter. */
export function assertTemplateBody(body: string): void {
  const unknown = [...body.matchAll(PLACEHOLDER)]
    .map((m) => m[1])
    .filter((name) => !(ANSWER_TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw DomainError.field(
      'VALIDATION_FAILED',
      'body',
      `Unknown placeholder {${unknown[0]}}; use ${ANSWER_TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`,
    );
  }
}

/** The template's text with each placeholder replaced by the case's value. */
export function fillAnswerTemplate(body: string, values: AnswerTemplateValues): string {
  return body.replace(PLACEHOLDER, (whole, name: string) =>
    (ANSWER_TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name) ? values[name as AnswerTemplatePlaceholder] : whole,
  );
}
