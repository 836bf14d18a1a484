import { AppealStatus } from '../../appeals/domain/appeal-types';
import { WORKING_STATUSES } from '../../appeals/domain/case-rules';
import { AppealDetailDto, HistoryItem } from '../../appeals/dto/appeal.dto';
import { html, SafeHtml } from '../html';
import { Texts } from '../i18n';

type StepState = 'done' | 'current' | 'pending' | 'skipped';

interface Step {
  readonly key: 'received' | 'in_review' | 'outcome';
  readonly name: string;
  /** A YYYY-MM-DD day or an instant; null while the step has not been reached. */
  readonly at: string | null;
  readonly state: StepState;
  readonly note?: string;
}

/** The events that end a case's consideration here, by the status they leave (Art. 7.5, 7.10, 8.1). */
const CLOSING_EVENTS: Partial<Record<AppealStatus, readonly string[]>> = {
  referred: ['referred'],
  answered: ['answered'],
  left_without_consideration: ['left_without_consideration', 'withdrawn'],
};

function last(history: readonly HistoryItem[], types: readonly string[]): HistoryItem | undefined {
  return [...history].reverse().find((e) => types.includes(e.type));
}

/**
 * The case's way so far, from the history the API gives: received (day 0, Art. 7.1), in review
 * (an executor named, or reopened, Art. 8.3), then the outcome: referred (Art. 7.10), answered
 * (Art. 7.5) or left without consideration (Art. 8.1). A reopened case starts its review anew,
 * so the review step dates from the last reopening.
 */
export function timelineSteps(t: Texts, appeal: AppealDetailDto): Step[] {
  const open = WORKING_STATUSES.includes(appeal.status);
  const closing = open ? undefined : last(appeal.history, CLOSING_EVENTS[appeal.status] ?? []);
  const before = closing ? appeal.history.filter((e) => e.seq < closing.seq) : appeal.history;
  const reopened = last(before, ['reopened']);
  const review = reopened ?? before.find((e) => e.type === 'assigned');
  const reviewing = appeal.status === 'in_review' || review !== undefined;
  return [
    {
      key: 'received',
      name: t.msg('timeline.received'),
      at: appeal.receivedOn,
      state: appeal.status === 'registered' ? 'current' : 'done',
    },
    {
      key: 'in_review',
      name: t.msg('timeline.inReview'),
      at: review?.occurredAt ?? null,
      state: appeal.status === 'in_review' ? 'current' : !open ? (reviewing ? 'done' : 'skipped') : 'pending',
    },
    open
      ? {
          key: 'outcome',
          name: t.msg('timeline.outcome'),
          at: null,
          state: 'pending',
          note: t.msg('timeline.expectedBy', { date: t.date(appeal.deadlines.review.dueDate) }),
        }
      : { key: 'outcome', name: t.msg(`status.${appeal.status}`), at: closing?.occurredAt ?? null, state: 'current' },
  ];
}

const STATE_KEY = {
  done: 'timeline.done',
  current: 'timeline.current',
  pending: 'timeline.pending',
  skipped: 'timeline.skipped',
} as const;

/** An ordered list; the current step says so in words (and aria-current), never by colour alone (WCAG 1.4.1). */
export function statusTimeline(t: Texts, appeal: AppealDetailDto): SafeHtml {
  return html`<section aria-labelledby="timeline"><h2 id="timeline">${t.msg('timeline.title')}</h2>
<ol class="timeline">${timelineSteps(t, appeal).map((step) => {
    const name = step.state === 'current' ? html`<strong>${step.name}</strong>` : step.name;
    const when = step.at ? html` — <time datetime="${step.at}">${t.date(step.at)}</time>` : '';
    return html`<li class="step step-${step.state}" data-step="${step.key}" data-state="${step.state}"${
      step.state === 'current' ? html` aria-current="step"` : ''
    }>${name}${when} <span class="step-state">(${t.msg(STATE_KEY[step.state])})</span>${step.note ? html` — ${step.note}` : ''}</li>`;
  })}</ol></section>`;
}
