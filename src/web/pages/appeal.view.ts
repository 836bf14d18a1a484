import { AnswerRow } from '../../appeals/appeals.service';
import { WORKING_STATUSES } from '../../appeals/domain/case-rules';
import { AppealDetailDto, AppealDto, AttachmentView, HistoryItem } from '../../appeals/dto/appeal.dto';
import { html, SafeHtml } from '../html';
import { Colour, Texts } from '../i18n';
import { colourCell, dateText } from '../layout';

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
  if (!WORKING_STATUSES.includes(appeal.status)) return colourCell(t, 'none', t.t('Bağlıdır', 'Closed'));
  const msLeft = new Date(appeal.reviewDueAt).getTime() - now.getTime();
  let colour: Colour = 'green';
  let label = t.t('Vaxtında', 'On track');
  if (msLeft < 0) {
    colour = 'red';
    label = t.t('Vaxtı keçib', 'Overdue');
  } else if (workingDaysLeft === null ? msLeft < 12 * 3_600_000 : workingDaysLeft <= 3) {
    colour = 'yellow';
    label = t.t('Müddət bitir', 'Due soon');
  }
  return colourCell(t, colour, label);
}

export function caseFacts(t: Texts, appeal: AppealDetailDto, extras: CaseExtras): SafeHtml {
  const review = appeal.deadlines.review;
  return html`<dl class="facts">
<dt>${t.t('Qeydiyyat nömrəsi', 'Registration number')}</dt><dd data-testid="registration-number">${appeal.registrationNumber}</dd>
<dt>${t.t('Vəziyyət', 'Status')}</dt><dd data-status="${appeal.status}">${t.status(appeal.status)}${appeal.closureGround ? ` — ${t.ground(appeal.closureGround)}` : ''}</dd>
<dt>${t.t('Növ', 'Type')}</dt><dd>${t.type(appeal.type)}</dd>
<dt>${t.t('Qurum', 'Agency')}</dt><dd>${extras.agencyName(appeal.agencyId)}</dd>
<dt>${t.t('İcraçı', 'Executor')}</dt><dd>${extras.executorName ?? t.t('Hələ təyin edilməyib', 'Not assigned yet')}</dd>
<dt>${t.t('Daxil olma tarixi (0-cı gün)', 'Received on (day 0)')}</dt><dd>${appeal.receivedOn}</dd>
<dt>${t.t('Qeydiyyat vaxtı', 'Registered at')}</dt><dd>${dateText(appeal.registeredAt)}</dd>
${appeal.deadlines.referral.dueDate ? html`<dt>${t.t('Aidiyyəti üzrə göndərmə müddəti', 'Referral due')}</dt><dd>${appeal.deadlines.referral.dueDate}</dd>` : ''}
<dt>${t.t('Baxılma müddəti', 'Review due')}</dt><dd>${review.dueDate} (${dateText(review.dueAt)})${appeal.deadlines.provisional ? t.t(' — ilkin təqvimlə', ' — on the provisional calendar') : ''}</dd>
</dl>`;
}

export function answerSection(t: Texts, answer: AnswerRow | undefined): SafeHtml | '' {
  if (!answer) return '';
  return html`<section aria-labelledby="answer"><h2 id="answer">${t.t('Cavab', 'Answer')}</h2>
<div class="answer" lang="az">${answer.text}</div>
<p>${answer.decidedByName}, ${answer.decidedByPosition} — ${dateText(answer.dispatchedAt)} (<span data-answer-channel="${answer.delivery}">${
    {
      email: t.t('e-poçtla', 'by e-mail'),
      post: t.t('poçtla', 'by post'),
      in_person: t.t('şəxsən təqdim edilib', 'handed over in person'),
    }[answer.delivery]
  }</span>, ${t.t('göndərilib', 'dispatched')} <time datetime="${answer.dispatchedOn}">${answer.dispatchedOn}</time>)</p></section>`;
}

export function attachmentList(t: Texts, base: string, attachments: readonly AttachmentView[]): SafeHtml {
  return html`<section aria-labelledby="files"><h2 id="files">${t.t('Sənədlər', 'Documents')}</h2>${
    attachments.length === 0
      ? html`<p>${t.t('Sənəd yoxdur.', 'No documents.')}</p>`
      : html`<ul>${attachments.map((a) => html`<li><a href="${base}/attachments/${a.id}">${a.fileName}</a> (${Math.ceil(a.sizeBytes / 1024)} KB)</li>`)}</ul>`
  }</section>`;
}

export function historyList(
  t: Texts,
  items: ReadonlyArray<Pick<HistoryItem, 'seq' | 'type' | 'occurredAt'> & { actorRole?: string | null }>,
): SafeHtml {
  return html`<section aria-labelledby="history"><h2 id="history">${t.t('Tarixçə', 'History')}</h2>
<ol class="history">${items.map((e) => html`<li><time>${dateText(e.occurredAt)}</time> — <code>${e.type}</code>${e.actorRole ? ` (${e.actorRole})` : ''}</li>`)}</ol></section>`;
}

export function linkedCases(t: Texts, base: string, appeal: AppealDetailDto, agencyName: (id: string) => string): SafeHtml | '' {
  if (appeal.linkedCases.length === 0) return '';
  return html`<section aria-labelledby="linked"><h2 id="linked">${t.t('Əlaqəli işlər', 'Linked cases')}</h2><ul>${appeal.linkedCases.map(
    (c) =>
      html`<li><a href="${base}/${c.id}">${c.registrationNumber}</a> — ${c.linkKind}, ${agencyName(c.agencyId)}, ${t.status(c.status)}</li>`,
  )}</ul></section>`;
}
