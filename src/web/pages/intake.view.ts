import { APPEAL_TYPES, AppealType, PARTY_KINDS } from '../../appeals/domain/appeal-types';
import { LIMITS } from '../../appeals/dto/create-appeal.dto';
import { html, SafeHtml } from '../html';
import { Texts } from '../i18n';
import { csrfField, FormState, formMessage, input, layout, PageContext, select, textarea, valueOf } from '../layout';

/** Rows for other applicants of a collective appeal on the form (Art. 2.3). */
export const CO_APPLICANT_ROWS = 3;
/** Documents the confirmation step takes at once. */
export const FILES_PER_FORM = 5;

const PARTY_FIELDS = ['kind', 'fullName', 'organisationName', 'address', 'email', 'phone'] as const;
const CO_APPLICANT_FIELDS = ['fullName', 'address', 'email'] as const;

/** Every field of the appeal form: what the review step carries from the form to the confirmation, and nothing else. */
export const DRAFT_FIELDS: readonly string[] = [
  'idempotencyKey',
  'type',
  'agencyId',
  'subject',
  'text',
  ...PARTY_FIELDS.map((k) => `applicant.${k}`),
  ...Array.from({ length: CO_APPLICANT_ROWS }, (_, i) => CO_APPLICANT_FIELDS.map((k) => `coApplicants.${i}.${k}`)).flat(),
  'respondentAgencyId',
  'respondentOfficial',
  'confidential',
];

const FORM = 'appeal';

export interface AgencyOption {
  readonly value: string;
  readonly label: string;
}

/** The id of a form control (layout.ts builds it the same way), the target of a "change" button. */
function controlId(field: string): string {
  if (field === 'type') return `${FORM}-type-${APPEAL_TYPES[0]}`;
  if (field.startsWith('coApplicants.')) return `${FORM}-collective`;
  if (field === 'respondentAgencyId' || field === 'respondentOfficial') return `${FORM}-complaint`;
  return `${FORM}-${field}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** The fields of the details that hold them open when they have a value (a change must land on a visible control). */
function anyValue(state: FormState | undefined, fields: readonly string[]): boolean {
  return fields.some((f) => valueOf(state, FORM, f) !== '');
}

/** Errors on a group as a whole ("applicant": anonymous), shown at the top of its fieldset. */
function fieldErrors(state: FormState | undefined, field: string): SafeHtml | '' {
  const messages = state && state.form === FORM ? state.errors.filter((e) => e.field === field).map((e) => e.message) : [];
  return messages.length ? html`<p class="error" data-field="${field}">${messages.join(' ')}</p>` : '';
}

export interface AppealFormModel {
  readonly agencies: readonly AgencyOption[];
  readonly state: FormState;
  /** Issue 13: until the e-mail is proved the intake refuses (EMAIL_NOT_VERIFIED); say so before the form is filled in. */
  readonly unverified: boolean;
}

/** The new-appeal form; it goes to the review step, nothing is stored from it. */
export function appealFormPage(ctx: PageContext, model: AppealFormModel): SafeHtml {
  const t = ctx.texts;
  const { state, agencies } = model;
  const f = FORM;
  const chosenType = valueOf(state, f, 'type');
  const coApplicantFields = DRAFT_FIELDS.filter((k) => k.startsWith('coApplicants.'));
  return layout(ctx, {
    title: t.msg('intake.title'),
    body: html`<h1>${t.msg('intake.title')}</h1>
${
  model.unverified
    ? html`<p class="form-error" role="alert" data-email-verified="false">${t.msg('intake.emailFirst')} <a href="/account">${t.msg(
        'intake.emailFirstLink',
      )}</a>.</p>`
    : ''
}
${formMessage(state, f)}
<form method="post" action="/appeals/new/review" novalidate>
${csrfField(ctx)}<input type="hidden" name="idempotencyKey" value="${valueOf(state, f, 'idempotencyKey')}">
<fieldset><legend>${t.msg('intake.type')} <span class="req" aria-hidden="true">*</span></legend>
${fieldErrors(state, 'type')}
${APPEAL_TYPES.map(
  (type) => html`<div class="choice"><input type="radio" id="${f}-type-${type}" name="type" value="${type}"${
    chosenType === type ? html` checked` : ''
  } aria-describedby="${f}-type-${type}-help">
<label for="${f}-type-${type}">${t.msg(`type.${type}`)}</label></div><p class="hint choice-hint" id="${f}-type-${type}-help">${t.msg(
    `intake.typeHelp.${type}`,
  )}</p>`,
)}</fieldset>
<div class="field"><label for="agency-filter" hidden>${t.msg('intake.agencySearch')}</label>
<input id="agency-filter" type="search" data-filter-for="${f}-agencyId" hidden autocomplete="off"></div>
${select({ form: f, name: 'agencyId', label: t.msg('intake.agency'), options: agencies, placeholder: t.msg('intake.choose'), state, required: true })}
${input({ form: f, name: 'subject', label: t.msg('intake.subject'), state, required: true, maxLength: LIMITS.subject })}
${textarea({ form: f, name: 'text', label: t.msg('intake.text'), state, required: true, rows: 8, maxLength: LIMITS.text })}
<fieldset><legend>${t.msg('intake.applicant')}</legend>
${fieldErrors(state, 'applicant')}
${select({
  form: f,
  name: 'applicant.kind',
  label: t.msg('intake.kind'),
  options: PARTY_KINDS.map((k) => ({ value: k, label: t.msg(`intake.kinds.${k}`) })),
  state,
  value: 'natural',
})}
${input({ form: f, name: 'applicant.fullName', label: t.msg('intake.fullName'), state, autocomplete: 'name', maxLength: LIMITS.name })}
${input({ form: f, name: 'applicant.organisationName', label: t.msg('intake.organisationName'), state, maxLength: LIMITS.organisation })}
${input({ form: f, name: 'applicant.address', label: t.msg('intake.address'), state, autocomplete: 'street-address', maxLength: LIMITS.address })}
${input({ form: f, name: 'applicant.email', type: 'email', label: t.msg('intake.email'), state, autocomplete: 'email', maxLength: 254 })}
${input({ form: f, name: 'applicant.phone', type: 'tel', label: t.msg('intake.phone'), state, autocomplete: 'tel', maxLength: LIMITS.phone })}
</fieldset>
<details id="${f}-collective"${anyValue(state, coApplicantFields) ? html` open` : ''}>
<summary>${t.msg('intake.collective')}</summary>
${Array.from(
  { length: CO_APPLICANT_ROWS },
  (_, i) => html`<fieldset><legend>${t.msg('intake.coApplicant', { number: i + 2 })}</legend>
${fieldErrors(state, `coApplicants.${i}`)}
${input({ form: f, name: `coApplicants.${i}.fullName`, label: t.msg('intake.fullName'), state, maxLength: LIMITS.name })}
${input({ form: f, name: `coApplicants.${i}.address`, label: t.msg('intake.address'), state, maxLength: LIMITS.address })}
${input({ form: f, name: `coApplicants.${i}.email`, type: 'email', label: t.msg('intake.coEmail'), state, maxLength: 254 })}
</fieldset>`,
)}</details>
<details id="${f}-complaint"${anyValue(state, ['respondentAgencyId', 'respondentOfficial']) ? html` open` : ''}><summary>${t.msg(
      'intake.complaint',
    )}</summary>
${select({ form: f, name: 'respondentAgencyId', label: t.msg('intake.respondentAgency'), options: agencies, placeholder: t.msg('intake.noneChosen'), state })}
${input({ form: f, name: 'respondentOfficial', label: t.msg('intake.respondentOfficial'), state, maxLength: LIMITS.respondentOfficial })}
</details>
<div class="field choice"><input type="checkbox" id="${f}-confidential" name="confidential" value="yes"${
      valueOf(state, f, 'confidential') === 'yes' ? html` checked` : ''
    }>
<label for="${f}-confidential">${t.msg('intake.confidential')}</label></div>
<button type="submit">${t.msg('intake.continue')}</button>
</form>`,
  });
}

export interface ReviewModel {
  /** The form's values, checked against the API's rules already. */
  readonly values: Readonly<Record<string, string>>;
  readonly agencyName: (id: string) => string;
}

interface ReviewRow {
  readonly field: string;
  readonly label: string;
  readonly value: string;
  readonly multiline?: boolean;
}

function reviewRows(t: Texts, model: ReviewModel): ReviewRow[] {
  const v = (field: string) => model.values[field] ?? '';
  const type = v('type') as AppealType;
  const rows: ReviewRow[] = [
    { field: 'type', label: t.msg('intake.type'), value: APPEAL_TYPES.includes(type) ? t.msg(`type.${type}`) : '' },
    { field: 'agencyId', label: t.msg('intake.agency'), value: v('agencyId') ? model.agencyName(v('agencyId')) : '' },
    { field: 'subject', label: t.msg('intake.subject'), value: v('subject') },
    { field: 'text', label: t.msg('intake.text'), value: v('text'), multiline: true },
    {
      field: 'applicant.kind',
      label: t.msg('intake.kind'),
      value: v('applicant.kind') === 'legal' ? t.msg('intake.kinds.legal') : t.msg('intake.kinds.natural'),
    },
    { field: 'applicant.fullName', label: t.msg('intake.fullName'), value: v('applicant.fullName') },
    { field: 'applicant.organisationName', label: t.msg('intake.organisationName'), value: v('applicant.organisationName') },
    { field: 'applicant.address', label: t.msg('intake.address'), value: v('applicant.address') },
    { field: 'applicant.email', label: t.msg('intake.email'), value: v('applicant.email') },
    { field: 'applicant.phone', label: t.msg('intake.phone'), value: v('applicant.phone') },
  ];
  for (let i = 0; i < CO_APPLICANT_ROWS; i++) {
    const parts = CO_APPLICANT_FIELDS.map((k) => v(`coApplicants.${i}.${k}`)).filter(Boolean);
    if (parts.length)
      rows.push({ field: `coApplicants.${i}.fullName`, label: t.msg('intake.coApplicant', { number: i + 2 }), value: parts.join(', ') });
  }
  if (v('respondentAgencyId') || v('respondentOfficial')) {
    rows.push(
      {
        field: 'respondentAgencyId',
        label: t.msg('intake.respondentAgency'),
        value: v('respondentAgencyId') ? model.agencyName(v('respondentAgencyId')) : '',
      },
      { field: 'respondentOfficial', label: t.msg('intake.respondentOfficial'), value: v('respondentOfficial') },
    );
  }
  rows.push({
    field: 'confidential',
    label: t.msg('intake.confidential'),
    value: v('confidential') === 'yes' ? t.msg('intake.yes') : t.msg('intake.no'),
  });
  return rows;
}

/**
 * "Check your answers": everything entered, each with a "change" button that posts the draft back
 * to the form (a POST, so the appeal's text never travels in a URL), and the confirmation that
 * submits it. The draft rides in hidden fields: nothing is stored before the confirmation, and the
 * form's idempotency key rides with it, so a second confirmation finds the first appeal.
 */
export function reviewPage(ctx: PageContext, model: ReviewModel): SafeHtml {
  const t = ctx.texts;
  return layout(ctx, {
    title: t.msg('intake.reviewTitle'),
    body: html`<h1>${t.msg('intake.reviewTitle')}</h1>
<p>${t.msg('intake.reviewIntro')}</p>
<form method="post" action="/appeals/new" enctype="multipart/form-data">
${csrfField(ctx)}
${DRAFT_FIELDS.filter((k) => model.values[k]).map((k) => html`<input type="hidden" name="${k}" value="${model.values[k]}">`)}
<dl class="review">${reviewRows(t, model).map(
      (row) => html`<div class="review-row" data-field="${row.field}"><dt>${row.label}</dt>
<dd${row.multiline ? html` class="answer"` : ''}>${row.value || html`<span class="hint">${t.msg('intake.notGiven')}</span>`}</dd>
<dd><button type="submit" class="link" formaction="/appeals/new/change#${controlId(row.field)}" formenctype="application/x-www-form-urlencoded" formnovalidate>${t.msg(
        'intake.change',
      )}<span class="visually-hidden"> — ${row.label}</span></button></dd></div>`,
    )}</dl>
${input({
  form: FORM,
  name: 'files',
  type: 'file',
  label: t.msg('intake.files'),
  hint: t.msg('intake.filesHint', { count: FILES_PER_FORM }),
  multiple: true,
  accept: 'application/pdf,image/jpeg,image/png',
})}
<p>${t.msg('intake.confirmHint')}</p>
<button type="submit" data-action="confirm">${t.msg('intake.confirm')}</button>
</form>`,
  });
}

export interface RegisteredModel {
  readonly id: string;
  readonly registrationNumber: string;
  readonly receivedOn: string;
  readonly reviewDueDate: string;
  readonly agencyName: string;
  readonly filesRefused: boolean;
}

/** After the confirmation: the number, the due date and the registration confirmation as a PDF. */
export function registeredPage(ctx: PageContext, model: RegisteredModel): SafeHtml {
  const t = ctx.texts;
  return layout(ctx, {
    title: t.msg('intake.registeredTitle'),
    body: html`<h1>${t.msg('intake.registeredTitle')}</h1>
${model.filesRefused ? html`<p class="form-error" role="alert">${t.msg('intake.filesRefused')}</p>` : ''}
<dl class="facts">
<dt>${t.msg('intake.registeredNumber')}</dt><dd data-testid="registration-number"><strong>${model.registrationNumber}</strong></dd>
<dt>${t.msg('intake.registeredAgency')}</dt><dd>${model.agencyName}</dd>
<dt>${t.msg('intake.registeredReceived')}</dt><dd><time datetime="${model.receivedOn}">${t.date(model.receivedOn)}</time></dd>
<dt>${t.msg('intake.registeredDue')}</dt><dd data-testid="due-date"><time datetime="${model.reviewDueDate}">${t.date(model.reviewDueDate)}</time></dd>
</dl>
<p>${t.msg('intake.registeredMail')}</p>
<ul>
<li><a href="/my/appeals/${model.id}/registration.pdf" data-testid="registration-pdf">${t.msg('intake.registeredPdf')}</a></li>
<li><a href="/my/appeals/${model.id}">${t.msg('intake.registeredCase')}</a></li>
</ul>`,
  });
}
