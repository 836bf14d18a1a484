import { AppealDetailDto, AppealDto } from '../../appeals/dto/appeal.dto';
import { html, SafeHtml } from '../html';
import { csrfField, FormState, formMessage, layout, PageContext, select, textarea } from '../layout';
import { answerSection, attachmentList, CaseExtras, caseFacts, deadlineMarker, linkedCases } from './appeal.view';
import { deadlineLedger } from './deadline-ledger.view';
import { CaseHistory, historySection } from './history.view';
import { statusTimeline } from './timeline.view';

export interface MyAppealsModel {
  readonly items: ReadonlyArray<{ readonly appeal: AppealDto; readonly workingDaysLeft: number | null }>;
  readonly nextCursor: string | null;
  readonly agencyName: (id: string | null) => string;
  readonly now: Date;
}

export function myAppealsPage(ctx: PageContext, model: MyAppealsModel): SafeHtml {
  const t = ctx.texts;
  return layout(ctx, {
    title: t.msg('citizenCase.myAppeals'),
    body: html`<h1>${t.msg('citizenCase.myAppeals')}</h1>
<p><a class="button" href="/appeals/new">${t.msg('citizenCase.newAppeal')}</a></p>
${
  model.items.length === 0
    ? html`<p>${t.msg('citizenCase.noAppeals')}</p>`
    : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t.msg('citizenCase.number')}</th><th scope="col">${t.msg(
        'citizenCase.subject',
      )}</th><th scope="col">${t.msg('citizenCase.agency')}</th><th scope="col">${t.msg('citizenCase.status')}</th><th scope="col">${t.msg(
        'citizenCase.due',
      )}</th><th scope="col">${t.msg('citizenCase.deadline')}</th></tr></thead><tbody>
${model.items.map(
  ({ appeal: a, workingDaysLeft }) =>
    html`<tr><td><a href="/my/appeals/${a.id}">${a.registrationNumber}</a></td><td>${a.subject}</td><td>${model.agencyName(a.agencyId)}</td><td>${t.msg(
      `status.${a.status}`,
    )}</td><td><time datetime="${a.reviewDueDate}">${t.date(a.reviewDueDate)}</time></td>${deadlineMarker(t, a, workingDaysLeft, model.now)}</tr>`,
)}</tbody></table></div>`
}
${model.nextCursor ? html`<p><a href="/my/appeals?cursor=${encodeURIComponent(model.nextCursor)}">${t.msg('citizenCase.nextPage')}</a></p>` : ''}`,
  });
}

export interface CitizenCaseModel {
  readonly appeal: AppealDetailDto;
  readonly extras: CaseExtras;
  /** The case history in words (the applicant reads the roles of those who acted, not their names). */
  readonly history: CaseHistory;
  readonly canWithdraw: boolean;
  readonly canGiveFeedback: boolean;
  readonly feedbackGiven: boolean;
  readonly state?: FormState;
}

/** The case's documents as PDFs: the registration confirmation always, the answer once given. */
export function casePdfLinks(ctx: PageContext, base: string, appeal: AppealDetailDto): SafeHtml {
  const t = ctx.texts;
  return html`<section aria-labelledby="pdfs"><h2 id="pdfs">${t.msg('citizenCase.pdfs')}</h2><ul>
<li><a href="${base}/${appeal.id}/registration.pdf" data-testid="registration-pdf">${t.msg('citizenCase.registrationPdf')}</a></li>
${appeal.status === 'answered' ? html`<li><a href="${base}/${appeal.id}/answer.pdf" data-testid="answer-pdf">${t.msg('citizenCase.answerPdf')}</a></li>` : ''}
</ul></section>`;
}

/** The applicant's case page (appeals-rules.md 16): where it stands, the answer, the term, the documents. */
export function citizenCasePage(ctx: PageContext, model: CitizenCaseModel): SafeHtml {
  const t = ctx.texts;
  const { appeal, extras, state } = model;
  return layout(ctx, {
    title: `${appeal.registrationNumber} — ${appeal.subject}`,
    body: html`<h1>${appeal.subject}</h1>
${caseFacts(t, appeal, extras)}
${statusTimeline(t, appeal)}
${answerSection(t, extras.answer)}
${casePdfLinks(ctx, '/my/appeals', appeal)}
${deadlineLedger(t, appeal, extras)}
${linkedCases(t, '/my/appeals', appeal, extras.agencyName)}
<section aria-labelledby="text"><h2 id="text">${t.msg('citizenCase.text')}</h2><div class="answer">${appeal.text}</div></section>
${attachmentList(t, `/my/appeals/${appeal.id}`, appeal.attachments)}
${model.canGiveFeedback ? feedbackForm(ctx, appeal.id, state) : model.feedbackGiven ? html`<p>${t.msg('citizenCase.thanks')}</p>` : ''}
${
  model.canWithdraw
    ? html`<form method="post" action="/my/appeals/${appeal.id}/withdraw">${csrfField(ctx)}${formMessage(state, 'withdraw')}
<button type="submit" class="secondary">${t.msg('citizenCase.withdraw')}</button></form>`
    : ''
}
${historySection(t, model.history)}
<p><a href="/my/appeals">${t.msg('citizenCase.allMine')}</a></p>`,
  });
}

function feedbackForm(ctx: PageContext, id: string, state?: FormState): SafeHtml {
  const t = ctx.texts;
  return html`<form method="post" action="/my/appeals/${id}/feedback">${csrfField(ctx)}
<h2>${t.msg('citizenCase.feedbackTitle')}</h2>
${formMessage(state, 'feedback')}
${select({
  form: 'feedback',
  name: 'satisfied',
  label: t.msg('citizenCase.verdict'),
  options: [
    { value: 'yes', label: t.msg('citizenCase.satisfied') },
    { value: 'no', label: t.msg('citizenCase.notSatisfied') },
  ],
  placeholder: t.msg('citizenCase.choose'),
  state,
  required: true,
})}
${textarea({ form: 'feedback', name: 'comment', label: t.msg('citizenCase.comment'), state, rows: 3, maxLength: 2000 })}
<button type="submit">${t.msg('citizenCase.send')}</button></form>`;
}
