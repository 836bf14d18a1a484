import { AppealEvent, AppealEventPayloads, AppealEventType } from '../../appeals/domain/appeal-events';
import { AnswerChannel, Regime } from '../../appeals/domain/appeal-types';
import { Role, ROLES } from '../../auth/actor';
import { html, SafeHtml } from '../html';
import { Texts } from '../i18n';

/** One audit event as the API lists it (AppealsService.listEvents: what the viewer may know is already left out). */
export interface HistoryEvent {
  readonly seq: number;
  readonly type: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly occurredAt: string;
  readonly data: object;
}

/** Who reads the history. */
export interface HistoryViewer {
  readonly userId: string;
  /**
   * Staff read the names of the staff who acted; the applicant reads their roles only (appeals-rules.md
   * 6, 16 give the applicant the executor's name, which the assignment names, not everyone's who handled it).
   */
  readonly staff: boolean;
}

/** Names instead of ids: people (null when unknown) and agencies. */
export interface HistoryNames {
  readonly user: (id: string) => string | null;
  readonly agency: (id: string) => string;
}

export interface CaseHistory {
  readonly events: readonly HistoryEvent[];
  readonly viewer: HistoryViewer;
  readonly names: HistoryNames;
}

type Sentence<K extends AppealEventType> = (t: Texts, data: AppealEventPayloads[K], names: HistoryNames) => string;

/**
 * Each event type in words (issue 15: no raw codes on a page). A record over the typed union, so a
 * new event type fails tsc until it has its sentence; history.view.spec.ts renders every type in
 * every language. Data of events written before a field existed may lack it: optional reads.
 */
const SENTENCES: { readonly [K in AppealEventType]: Sentence<K> } = {
  registered: (t, d, names) => {
    if (d.status === 'left_without_consideration')
      return t.msg('history.registeredClosed', { ground: d.closureGround ? t.ground(d.closureGround) : '—' });
    const dueDate = t.date(d.reviewDueDate);
    if (d.linkKind && d.fromAgencyId) {
      const agency = names.agency(d.fromAgencyId);
      return d.linkKind === 'copy'
        ? t.msg('history.registeredByCopy', { agency, dueDate })
        : t.msg('history.registeredByReferral', { agency, dueDate });
    }
    return t.msg('history.registered', { receivedOn: t.date(d.receivedOn), dueDate });
  },
  assigned: (t, d, names) => t.msg('history.assigned', { executor: names.user(d.executorId) ?? t.msg('history.actor.someone') }),
  referred: (t, d, names) => t.msg('history.referred', { agencies: agencyList(d.agencyIds, names) }),
  copied: (t, d, names) => t.msg('history.copied', { agencies: agencyList(d.agencyIds, names) }),
  left_without_consideration: (t, d) => t.msg('history.leftWithoutConsideration', { ground: t.ground(d.ground) }),
  reopened: (t, d) => t.msg('history.reopened', { dueDate: t.date(d.after.reviewDueDate) }),
  additional_study: (t, d) =>
    t.msg('history.additionalStudy', {
      days: t.plural('units.workingDays', d.after.workingDays ?? 30),
      dueDate: t.date(d.after.reviewDueDate),
    }),
  extended: (t, d) =>
    t.msg('history.extended', { days: t.plural('units.workingDays', d.workingDays), dueDate: t.date(d.after.reviewDueDate) }),
  regime_changed: (t, d) => t.msg('history.regimeChanged', { regime: regimeName(t, d.regime), dueDate: t.date(d.after.reviewDueDate) }),
  regime_confirmed: (t, d) => t.msg('history.regimeConfirmed', { regime: regimeName(t, d.regime) }),
  answered: (t, d) =>
    // appeals-rules.md 15: a merged follow-up is answered with its appeal (the link is left out for who may not know the applicant).
    d.withAppealId
      ? t.msg('history.answeredWith')
      : t.msg('history.answered', { channel: channelName(t, d.delivery), date: t.date(d.dispatchedOn) }),
  withdrawn: (t) => t.msg('history.withdrawn'),
  feedback: (t, d) => t.msg(d.satisfied ? 'history.feedbackSatisfied' : 'history.feedbackNotSatisfied'),
  respondent_set: (t) => t.msg('history.respondentSet'),
  merged: (t, d) =>
    d.intoRegistrationNumber ? t.msg('history.merged', { number: d.intoRegistrationNumber }) : t.msg('history.mergedHidden'),
  follow_up_merged: (t, d) =>
    d.followUpRegistrationNumber
      ? t.msg('history.followUpMerged', { number: d.followUpRegistrationNumber })
      : t.msg('history.followUpMergedHidden'),
  merge_released: (t) => t.msg('history.mergeReleased'),
  attachment_added: (t, d) =>
    t.msg('history.attachmentAdded', { size: t.msg('attachments.size', { kb: Math.max(1, Math.ceil(d.sizeBytes / 1024)) }) }),
  placed_under_control: (t, d, names) => t.msg('history.placedUnderControl', { agency: names.agency(d.agencyId) }),
  deadline_moved: (t, d) =>
    t.msg('history.deadlineMoved', { before: dateOrDash(t, d.before.reviewDueDate), after: dateOrDash(t, d.after.reviewDueDate) }),
  personal_data_erased: (t, d) => t.msg('history.personalDataErased', { years: t.plural('history.years', d.retentionYears) }),
};

/**
 * Events whose `reason` is a code the system wrote (deadline_moved: 'calendar_changed'), not words
 * staff wrote: their sentence already says it (issue 15: no raw codes on a page).
 */
const CODED_REASONS: ReadonlySet<string> = new Set<AppealEventType>(['deadline_moved']);

/** The free text staff wrote with the event (a reason, a note), shown after its sentence. */
function writtenText(type: string, data: Record<string, unknown>): string | null {
  if (CODED_REASONS.has(type)) return null;
  for (const key of ['reason', 'note'] as const) {
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** The event in words: "Term extended by 10 working days to 18 January 2027". */
export function eventSentence(t: Texts, event: Pick<HistoryEvent, 'type' | 'data'>, names: HistoryNames): string {
  const sentence = SENTENCES[event.type as AppealEventType] as Sentence<AppealEventType> | undefined;
  // A type this build does not know (a newer writer): said generally, never as its code.
  if (!sentence) return t.msg('history.unknownEvent');
  return sentence(t, (event as AppealEvent).data, names);
}

/** Who acted, as far as the viewer may know: themselves, the applicant (named only when visible), or staff by name and role. */
export function actorText(
  t: Texts,
  event: Pick<HistoryEvent, 'actorId' | 'actorRole'>,
  viewer: HistoryViewer,
  names: HistoryNames,
): string {
  const role = ROLES.includes(event.actorRole as Role) ? (event.actorRole as Role) : null;
  if (!role) return t.msg('history.actor.system');
  if (event.actorId !== null && event.actorId === viewer.userId) return t.msg('history.actor.you');
  if (role === 'citizen') {
    // listEvents leaves out the applicant's id for who may not know the applicant (appeals-rules.md 18).
    const name = event.actorId ? names.user(event.actorId) : null;
    return name ? t.msg('history.actor.applicantNamed', { name }) : t.msg('history.actor.applicant');
  }
  const name = viewer.staff && event.actorId ? names.user(event.actorId) : null;
  return name ? t.msg('history.actor.named', { name, role: t.role(role) }) : t.role(role);
}

/** The case's audit trail in the page's language, oldest first: one sentence each, with who and when. */
export function historySection(t: Texts, history: CaseHistory): SafeHtml {
  return html`<section aria-labelledby="history"><h2 id="history">${t.msg('history.title')}</h2>${
    history.events.length === 0
      ? html`<p>${t.msg('history.empty')}</p>`
      : html`<ol class="history">${history.events.map((event) => historyItem(t, event, history))}</ol>`
  }</section>`;
}

function historyItem(t: Texts, event: HistoryEvent, history: CaseHistory): SafeHtml {
  const data = event.data as Record<string, unknown>;
  const written = writtenText(event.type, data);
  // Retention erased the text (event-texts.ts): say so rather than show nothing.
  const erased = !written && data.textsErased === true;
  return html`<li><time datetime="${event.occurredAt}">${t.dateTime(event.occurredAt)}</time> <span class="event">${eventSentence(
    t,
    event,
    history.names,
  )}${written ? html`: <q>${written}</q>` : erased ? html`: <em>${t.msg('history.textErased')}</em>` : ''}</span> <span class="actor">— ${actorText(
    t,
    event,
    history.viewer,
    history.names,
  )}</span></li>`;
}

function agencyList(ids: readonly string[] | undefined, names: HistoryNames): string {
  return (ids ?? []).map((id) => names.agency(id)).join(', ') || '—';
}

function dateOrDash(t: Texts, date: string | null | undefined): string {
  return date ? t.date(date) : '—';
}

export function regimeName(t: Texts, regime: Regime): string {
  return t.msg(`history.regime.${regime}`);
}

function channelName(t: Texts, channel: AnswerChannel): string {
  return t.msg(`history.channel.${channel}`);
}
