import { AnswerRow } from '../../appeals/appeals.service';
import { WORKING_STATUSES } from '../../appeals/domain/case-rules';
import { AppealDetailDto, AppealDto, AttachmentView } from '../../appeals/dto/appeal.dto';
import { html, SafeHtml } from '../html';
import { Colour, Texts } from '../i18n';
import { colourCell } from '../layout';

/** What the pages show about a case beyond the API's detail: names instead of ids, the skipped days. */
export interface CaseExtras {
  readonly agencyName: (id: string | null) => string;
  readonly executorName: string | null;
  readonly skippedDays: ReadonlyArray<{ date: string; reason: string | null }>;
  readonly workedWeekendDays: ReadonlyArray<{ date: string; reason: string }>;
  readonly answer: AnswerRow | undefined;
}

/** The deadline marker of a case in a list: overdue, due soon (3 working days or less), on track; none once closed. */
export function deadlineMarker(t: Texts, appeal: AppealDto, workingDaysLeft: number | null, now: Date): SafeHtml {
  if (!WORKING_STATUSES.includes(appeal.status)) return colourCell(t, 'none', t.msg('officeCase.marker.closed'));
  const msLeft = new Date(appeal.reviewDueAt).getTime() - now.getTime();
  let colour: Colour = 'green';
  let label = t.msg('officeCase.marker.onTrack');
  if (msLeft < 0) {
    colour = 'red';
    label = t.msg('officeCase.marker.overdue');
  } else if (workingDaysLeft === null ? msLeft < 12 * 3_600_000 : workingDaysLeft <= 3) {
    colour = 'yellow';
    label = t.msg('officeCase.marker.dueSoon');
  }
  return colourCell(t, colour, label);
}

/** A day as people write it, the ISO date kept for machines. */
function day(t: Texts, date: string): SafeHtml {
  return html`<time datetime="${date}">${t.date(date)}</time>`;
}

export function caseFacts(t: Texts, appeal: AppealDetailDto, extras: CaseExtras): SafeHtml {
  const review = appeal.deadlines.review;
  const referralDue = appeal.deadlines.referral.dueDate;
  return html`<dl class="facts">
<dt>${t.msg('officeCase.facts.registrationNumber')}</dt><dd data-testid="registration-number">${appeal.registrationNumber}</dd>
<dt>${t.msg('officeCase.facts.status')}</dt><dd data-status="${appeal.status}">${t.status(appeal.status)}${appeal.closureGround ? ` — ${t.ground(appeal.closureGround)}` : ''}</dd>
<dt>${t.msg('officeCase.facts.type')}</dt><dd>${t.type(appeal.type)}</dd>
<dt>${t.msg('officeCase.facts.agency')}</dt><dd>${extras.agencyName(appeal.agencyId)}</dd>
<dt>${t.msg('officeCase.facts.executor')}</dt><dd>${extras.executorName ?? t.msg('officeCase.facts.notAssigned')}</dd>
<dt>${t.msg('officeCase.facts.receivedOn')}</dt><dd>${day(t, appeal.receivedOn)}</dd>
<dt>${t.msg('officeCase.facts.registeredAt')}</dt><dd>${t.dateTime(appeal.registeredAt)}</dd>
${referralDue ? html`<dt>${t.msg('officeCase.facts.referralDue')}</dt><dd>${day(t, referralDue)}</dd>` : ''}
<dt>${t.msg('officeCase.facts.reviewDue')}</dt><dd>${day(t, review.dueDate)} (${t.dateTime(review.dueAt)})${
    appeal.deadlines.provisional ? ` — ${t.msg('officeCase.facts.provisional')}` : ''
  }</dd>
</dl>`;
}

export function answerSection(t: Texts, answer: AnswerRow | undefined): SafeHtml | '' {
  if (!answer) return '';
  return html`<section aria-labelledby="answer"><h2 id="answer">${t.msg('officeCase.answer.title')}</h2>
<div class="answer" lang="az">${answer.text}</div>
<p>${answer.decidedByName}, ${answer.decidedByPosition} — ${t.dateTime(answer.dispatchedAt)} (<span data-answer-channel="${answer.delivery}">${t.msg(
    `officeCase.answer.channel.${answer.delivery}`,
  )}</span>, ${t.msg('officeCase.answer.dispatched', { date: t.date(answer.dispatchedOn) })})</p></section>`;
}

export function attachmentList(t: Texts, base: string, attachments: readonly AttachmentView[]): SafeHtml {
  return html`<section aria-labelledby="files"><h2 id="files">${t.msg('officeCase.documents.title')}</h2>${
    attachments.length === 0
      ? html`<p>${t.msg('officeCase.documents.none')}</p>`
      : html`<ul>${attachments.map(
          (a) =>
            html`<li><a href="${base}/attachments/${a.id}">${a.fileName}</a> (${t.msg('officeCase.documents.size', { kb: Math.ceil(a.sizeBytes / 1024) })})</li>`,
        )}</ul>`
  }</section>`;
}

export function linkedCases(t: Texts, base: string, appeal: AppealDetailDto, agencyName: (id: string) => string): SafeHtml | '' {
  if (appeal.linkedCases.length === 0) return '';
  return html`<section aria-labelledby="linked"><h2 id="linked">${t.msg('officeCase.linkedTitle')}</h2><ul>${appeal.linkedCases.map(
    (c) =>
      html`<li><a href="${base}/${c.id}">${c.registrationNumber}</a> — ${t.msg(`caseActions.linkKinds.${c.linkKind}`)}, ${agencyName(c.agencyId)}, ${t.status(
        c.status,
      )}</li>`,
  )}</ul></section>`;
}
