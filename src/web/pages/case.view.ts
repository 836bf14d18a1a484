import type { TermPreview } from '../../appeals/appeal-actions.service';
import { ANSWER_CHANNELS, ClosureGround, Regime, REGIMES } from '../../appeals/domain/appeal-types';
import { TransitionName } from '../../appeals/domain/lifecycle';
import { AppealDetailDto, AttachmentView, FollowUpCandidateView } from '../../appeals/dto/appeal.dto';
import { html, SafeHtml } from '../html';
import { Texts } from '../i18n';
import { csrfField, FormState, formMessage, input, layout, PageContext, select, textarea } from '../layout';
import { answerSection, CaseExtras, caseFacts } from './appeal.view';
import { deadlineLedger } from './deadline-ledger.view';
import { CaseHistory, historySection } from './history.view';

/**
 * The case actions staff take on the page (the applicant's withdraw and feedback are on the
 * citizen's page; an official takes an unassigned case from the inbox, office-inbox.controller.ts).
 */
export type StaffAction = Exclude<TransitionName, 'withdraw' | 'feedback' | 'take'>;

/** Each action's URL segment under /office/appeals/:id/. */
export const ACTION_PATHS: Readonly<Record<StaffAction, string>> = {
  assign: 'assign',
  refer: 'refer',
  copy: 'copy',
  additionalStudy: 'additional-study',
  extend: 'extend',
  answer: 'answer',
  leaveWithoutConsideration: 'leave',
  reopen: 'reopen',
  changeRegime: 'regime',
  merge: 'merge',
};

/** Everything the staff case page shows; the controller gathers it through the services. */
export interface CasePage {
  readonly appeal: AppealDetailDto;
  readonly extras: CaseExtras;
  /** Only what the rules allow this viewer on this case now (case-actions.ts), in table order. */
  readonly actions: readonly StaffAction[];
  readonly executors: ReadonlyArray<{ readonly id: string; readonly fullName: string }>;
  readonly otherAgencies: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly mergeCandidates: readonly FollowUpCandidateView[];
  readonly leaveGrounds: readonly ClosureGround[];
  /** The terms the term-changing actions would give, computed as the actions compute them. */
  readonly previews: {
    /** Art. 8.3: the terms run afresh from today. */
    readonly reopen?: TermPreview;
    readonly additionalStudy?: TermPreview;
    /** The extension's days as chosen (GET ?extendDays=N) and the term they give, or the field's error. */
    readonly extend?: { readonly workingDays: string; readonly preview?: TermPreview; readonly state?: FormState };
    /** Per regime: the term a change would give, or null where it is refused now. */
    readonly regimes?: Readonly<Partial<Record<Regime, TermPreview | null>>>;
  };
  readonly templates: ReadonlyArray<{ readonly id: string; readonly title: string }>;
  /** The chosen template, filled with the case's values, as the answer's starting text. */
  readonly template?: { readonly id: string; readonly text?: string; readonly state?: FormState };
  readonly attachments: { readonly canUpload: boolean; readonly limitsMb: { readonly each: number; readonly total: number } };
  readonly history: CaseHistory;
  readonly state?: FormState;
  readonly done?: string | null;
}

export function casePage(ctx: PageContext, page: CasePage): SafeHtml {
  const t = ctx.texts;
  const { appeal, extras } = page;
  return layout(ctx, {
    title: `${appeal.registrationNumber} — ${appeal.subject}`,
    notice:
      page.done && !page.state ? (page.done === 'attachments' ? t.msg('attachments.uploaded') : t.msg('caseActions.done')) : undefined,
    body: html`<h1>${appeal.subject}</h1>
${caseFacts(t, appeal, extras)}
${applicantSection(t, appeal)}
${sameMatterSection(t, appeal)}
${answerSection(t, extras.answer)}
<section aria-labelledby="text"><h2 id="text">${t.msg('caseActions.textTitle')}</h2><div class="answer">${
      appeal.text ?? t.msg('caseActions.textConfidential')
    }</div></section>
${deadlineLedger(t, appeal, extras)}
${linkedCasesSection(t, appeal, extras)}
${attachmentsSection(ctx, page)}
${actionsSection(ctx, page)}
${historySection(t, page.history)}
<p><a href="/office">${t.msg('caseActions.back')}</a></p>`,
  });
}

function applicantSection(t: Texts, appeal: AppealDetailDto): SafeHtml {
  const applicant = appeal.applicant;
  const who = applicant.redacted
    ? html`<p>${t.msg(appeal.confidential ? 'caseActions.identityConfidential' : 'caseActions.identityHidden')}</p>`
    : html`<p>${[applicant.fullName ?? applicant.organisationName ?? '—', applicant.address, applicant.email, applicant.phone]
        .filter(Boolean)
        .join('; ')}</p>`;
  return html`<section aria-labelledby="applicant"><h2 id="applicant">${t.msg('caseActions.applicantTitle')}</h2>${who}${
    appeal.coApplicants.length ? html`<p>${t.msg('caseActions.collective', { count: appeal.coApplicants.length + 1 })}</p>` : ''
  }</section>`;
}

function sameMatterSection(t: Texts, appeal: AppealDetailDto): SafeHtml | '' {
  const same = appeal.sameMatter;
  if (!same || same.earlier.length === 0) return '';
  return html`<section aria-labelledby="same"><h2 id="same">${t.msg('caseActions.sameTitle')}</h2>
<p>${t.msg('caseActions.sameAnswered', { count: same.answeredOnMeritsLastYear })} ${t.msg(
    same.repeatedGroundAvailable ? 'caseActions.repeatedAvailable' : 'caseActions.repeatedNotYet',
  )}</p>
<ul>${same.earlier.map(
    (e) =>
      html`<li><a href="/office/appeals/${e.id}">${e.registrationNumber}</a> — ${t.msg('caseActions.sameItem', {
        date: t.date(e.receivedOn),
        status: t.status(e.status),
        percent: t.percent(e.similarity),
      })}</li>`,
  )}</ul></section>`;
}

/** Referrals, copies and merged follow-ups of this case, in words (Art. 7.10, appeals-rules.md 15). */
function linkedCasesSection(t: Texts, appeal: AppealDetailDto, extras: CaseExtras): SafeHtml | '' {
  if (appeal.linkedCases.length === 0) return '';
  return html`<section aria-labelledby="linked"><h2 id="linked">${t.msg('caseActions.linkedTitle')}</h2><ul>${appeal.linkedCases.map(
    (c) =>
      html`<li><a href="/office/appeals/${c.id}">${c.registrationNumber}</a> — ${t.msg(`caseActions.linkKinds.${c.linkKind}`)}, ${extras.agencyName(
        c.agencyId,
      )}, ${t.status(c.status)}</li>`,
  )}</ul></section>`;
}

/** The case's documents with download links, and the upload form for answer documents while the case takes them. */
function attachmentsSection(ctx: PageContext, page: CasePage): SafeHtml {
  const t = ctx.texts;
  const { appeal } = page;
  // The detail lists documents only to who may see the identity and confidential content (toAppealDetail).
  const hidden = appeal.identityHidden || appeal.text === null;
  const list = (items: readonly AttachmentView[]) =>
    items.length === 0
      ? html`<p>${t.msg(hidden ? 'attachments.hidden' : 'attachments.none')}</p>`
      : html`<ul class="files">${items.map(
          (a) =>
            html`<li><a href="/office/appeals/${appeal.id}/attachments/${a.id}">${a.fileName}</a> (${t.msg('attachments.size', {
              kb: Math.max(1, Math.ceil(a.sizeBytes / 1024)),
            })}, ${t.msg('attachments.uploadedOn', { date: t.dateTime(a.uploadedAt) })})</li>`,
        )}</ul>`;
  const state = page.state;
  return html`<section aria-labelledby="files"><h2 id="files">${t.msg('attachments.title')}</h2>${list(appeal.attachments)}${
    page.attachments.canUpload
      ? html`<form method="post" action="/office/appeals/${appeal.id}/attachments" enctype="multipart/form-data" data-action="attachments">
${csrfField(ctx)}<h3>${t.msg('attachments.upload')}</h3>${formMessage(state, 'attachments')}
${input({
  form: 'attachments',
  name: 'file',
  type: 'file',
  label: t.msg('attachments.files'),
  hint: t.msg('attachments.limits', page.attachments.limitsMb),
  state,
  required: true,
  multiple: true,
  accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png',
})}
<button type="submit">${t.msg('attachments.submit')}</button></form>`
      : ''
  }</section>`;
}

function actionsSection(ctx: PageContext, page: CasePage): SafeHtml {
  const t = ctx.texts;
  if (page.actions.length === 0) {
    return html`<section aria-labelledby="actions"><h2 id="actions">${t.msg('caseActions.title')}</h2><p>${t.msg('caseActions.none')}</p></section>`;
  }
  const forms = actionForms(ctx, page);
  return html`<section aria-labelledby="actions"><h2 id="actions">${t.msg('caseActions.title')}</h2><div class="actions">${page.actions.map(
    (name) => forms[name](),
  )}</div></section>`;
}

/** The new due date as people read it: a day for working-day terms, a day and time for the 24-hour term. */
function dueText(t: Texts, preview: TermPreview): string {
  return preview.workingDays === null ? t.dateTime(preview.dueAt) : t.date(preview.dueDate);
}

function previewLine(t: Texts, name: StaffAction, preview: TermPreview | undefined): SafeHtml | '' {
  if (!preview) return '';
  return html`<p class="notice" data-preview="${name}" data-due-date="${preview.dueDate}">${t.msg('caseActions.newDueDate', {
    date: dueText(t, preview),
  })}</p>`;
}

function actionForms(ctx: PageContext, page: CasePage): Record<StaffAction, () => SafeHtml> {
  const t = ctx.texts;
  const { appeal, state } = page;
  const base = `/office/appeals/${appeal.id}`;
  // `heading`: false when the action's card already has its heading (a preview form above it).
  const form = (name: StaffAction, title: string, fields: SafeHtml | '', submit = title, heading = true) =>
    html`<form method="post" action="${base}/${ACTION_PATHS[name]}" data-action="${name}">${heading ? html`<h3>${title}</h3>` : ''}
${csrfField(ctx)}<input type="hidden" name="version" value="${appeal.version}">${formMessage(state, name)}${fields}<button type="submit">${submit}</button></form>`;
  const reason = (name: StaffAction, label = t.msg('caseActions.reason')) =>
    textarea({
      form: name,
      name: name === 'reopen' || name === 'leaveWithoutConsideration' ? 'note' : 'reason',
      label,
      state,
      rows: 2,
      required: true,
      maxLength: 2000,
    });
  const note = (name: StaffAction) =>
    textarea({ form: name, name: 'note', label: t.msg('caseActions.note'), state, rows: 2, maxLength: 2000 });
  return {
    assign: () =>
      form(
        'assign',
        t.msg('caseActions.assign'),
        select({
          form: 'assign',
          name: 'executorId',
          label: t.msg('caseActions.executor'),
          options: page.executors.map((u) => ({ value: u.id, label: u.fullName })),
          placeholder: '—',
          state,
          required: true,
        }),
      ),
    refer: () =>
      form(
        'refer',
        t.msg('caseActions.refer'),
        html`${select({ form: 'refer', name: 'toAgencyId', label: t.msg('caseActions.competentAgency'), options: page.otherAgencies, placeholder: '—', state, required: true })}
${note('refer')}`,
      ),
    copy: () =>
      form(
        'copy',
        t.msg('caseActions.copy'),
        html`${select({ form: 'copy', name: 'agencyIds', label: t.msg('caseActions.agencies'), options: page.otherAgencies, state, multiple: true, size: 6, required: true })}
${note('copy')}`,
      ),
    additionalStudy: () =>
      form(
        'additionalStudy',
        t.msg('caseActions.additionalStudy'),
        html`${previewLine(t, 'additionalStudy', page.previews.additionalStudy)}${reason('additionalStudy')}`,
      ),
    extend: () => extendForms(ctx, page, form, reason),
    answer: () => answerForms(ctx, page, form),
    leaveWithoutConsideration: () =>
      form(
        'leaveWithoutConsideration',
        t.msg('caseActions.leave'),
        html`${select({
          form: 'leaveWithoutConsideration',
          name: 'ground',
          label: t.msg('caseActions.ground'),
          // appeals-rules.md 13: registrars apply the form grounds only.
          options: page.leaveGrounds.map((g) => ({ value: g, label: t.ground(g) })),
          placeholder: '—',
          state,
          required: true,
        })}
${reason('leaveWithoutConsideration', t.msg('caseActions.reasonsForApplicant'))}`,
      ),
    reopen: () =>
      form(
        'reopen',
        t.msg('caseActions.reopen'),
        html`${previewLine(t, 'reopen', page.previews.reopen)}${reason('reopen', t.msg('caseActions.note'))}`,
      ),
    changeRegime: () =>
      form(
        'changeRegime',
        t.msg('caseActions.changeRegime'),
        html`${select({
          form: 'changeRegime',
          name: 'regime',
          label: t.msg('caseActions.regime'),
          // Each regime with the due date it would give (appeals-rules.md 10), or why not now.
          options: REGIMES.map((r) => ({ value: r, label: regimeOption(t, r, page.previews.regimes?.[r]) })),
          value: appeal.regime,
          state,
          required: true,
        })}
${reason('changeRegime')}`,
      ),
    merge: () =>
      form(
        'merge',
        t.msg('caseActions.merge'),
        select({
          form: 'merge',
          name: 'intoAppealId',
          label: t.msg('caseActions.mergeInto'),
          options: page.mergeCandidates.map((c) => ({
            value: c.id,
            label: t.msg('caseActions.mergeOption', {
              number: c.registrationNumber,
              date: t.date(c.receivedOn),
              percent: t.percent(c.similarity),
            }),
          })),
          placeholder: '—',
          state,
          required: true,
        }),
      ),
  };
}

function regimeOption(t: Texts, regime: Regime, preview: TermPreview | null | undefined): string {
  const name = t.msg(`caseActions.regimes.${regime}`);
  if (preview === undefined) return name;
  return preview === null
    ? t.msg('caseActions.regimeOptionRefused', { regime: name })
    : t.msg('caseActions.regimeOption', { regime: name, date: dueText(t, preview) });
}

type FormOf = (name: StaffAction, title: string, fields: SafeHtml | '', submit?: string, heading?: boolean) => SafeHtml;

/**
 * Art. 10.2: first the number of days (a GET that re-renders the page with the term it gives),
 * then the confirmation with the reason: the new due date is on the page before anything changes.
 */
function extendForms(ctx: PageContext, page: CasePage, form: FormOf, reason: (name: StaffAction) => SafeHtml): SafeHtml {
  const t = ctx.texts;
  const chosen = page.previews.extend;
  const preview = chosen?.preview;
  const base = `/office/appeals/${page.appeal.id}`;
  return html`<div class="action-group"><form method="get" action="${base}#actions" data-action="extend" data-preview-form="extend"><h3>${t.msg('caseActions.extend')}</h3>
${formMessage(chosen?.state, 'extendPreview')}
${input({
  form: 'extendPreview',
  name: 'extendDays',
  type: 'number',
  min: 1,
  max: 30,
  label: t.msg('caseActions.extendDays'),
  hint: t.msg('caseActions.extendHint'),
  value: chosen?.workingDays ?? '',
  state: chosen?.state,
  required: true,
})}
<button type="submit" class="secondary">${t.msg('caseActions.extendPreview')}</button></form>
${
  preview && chosen
    ? form(
        'extend',
        t.msg('caseActions.extendConfirm', { days: t.plural('units.workingDays', Number(chosen.workingDays)) }),
        html`${previewLine(t, 'extend', preview)}<input type="hidden" name="workingDays" value="${chosen.workingDays}">${reason('extend')}`,
      )
    : ''
}</div>`;
}

/** Art. 7.5: the answer, optionally started from one of the agency's templates (filled by the server, no script). */
function answerForms(ctx: PageContext, page: CasePage, form: FormOf): SafeHtml {
  const t = ctx.texts;
  const { appeal, state } = page;
  const chooser =
    page.templates.length > 0
      ? html`<form method="get" action="/office/appeals/${appeal.id}#actions" data-preview-form="template"><h3>${t.msg('caseActions.answer')}</h3>
${formMessage(page.template?.state, 'template')}
${select({
  form: 'template',
  name: 'template',
  label: t.msg('answerTemplates.choose'),
  hint: t.msg('answerTemplates.hint'),
  options: page.templates.map((x) => ({ value: x.id, label: x.title })),
  placeholder: '—',
  value: page.template?.id,
  state: page.template?.state,
  required: true,
})}
<button type="submit" class="secondary">${t.msg('answerTemplates.use')}</button></form>`
      : '';
  return html`<div class="action-group">${chooser}${form(
    'answer',
    t.msg('caseActions.answer'),
    html`${textarea({ form: 'answer', name: 'text', label: t.msg('caseActions.answerText'), value: page.template?.text, state, rows: 8, required: true, maxLength: 20_000 })}
${input({ form: 'answer', name: 'position', label: t.msg('caseActions.position'), state, maxLength: 200 })}
${select({
  form: 'answer',
  name: 'channel',
  label: t.msg('caseActions.channel'),
  options: ANSWER_CHANNELS.map((c) => ({ value: c, label: t.msg(`history.channel.${c}`) })),
  value: appeal.answerChannel,
  state,
})}
${input({ form: 'answer', name: 'dispatchedOn', type: 'date', label: t.msg('caseActions.dispatchedOn'), state })}`,
    t.msg('caseActions.answer'),
    page.templates.length === 0,
  )}</div>`;
}
