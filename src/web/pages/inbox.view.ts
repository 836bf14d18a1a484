import { APPEAL_STATUSES, APPEAL_TYPES, CHANNELS } from '../../appeals/domain/appeal-types';
import { WORKING_STATUSES } from '../../appeals/domain/case-rules';
import { AppealDto } from '../../appeals/dto/appeal.dto';
import { BulkResultDto, INBOX_DUE } from '../../appeals/dto/inbox.dto';
import { InboxCounts, InboxPage } from '../../appeals/inbox.service';
import { MessageKey } from '../../platform/i18n';
import { html, SafeHtml } from '../html';
import { Colour, Texts } from '../i18n';
import { csrfField, formMessage, FormState, input, layout, PageContext, select, textarea } from '../layout';

/** The filters as the page's query string holds them (raw: shown back as typed). */
export interface InboxFilterValues {
  readonly status?: string;
  readonly assignee?: string;
  readonly due?: string;
  readonly type?: string;
  readonly channel?: string;
  readonly q?: string;
  readonly limit?: string;
}

export const INBOX_FILTER_FIELDS = ['status', 'assignee', 'due', 'type', 'channel', 'q', 'limit'] as const;

export interface InboxView {
  readonly filter: InboxFilterValues;
  /** A filter the rules refused (shown beside the form; the list is then empty). */
  readonly filterState?: FormState;
  readonly page: InboxPage;
  readonly agencyName: (id: string | null) => string;
  readonly executorName: (id: string | null) => string | undefined;
  readonly workingDaysLeft: (appeal: AppealDto) => number | null;
  readonly now: Date;
  /** Staff the viewer's agency may assign cases to (officials, supervisors). */
  readonly executors: ReadonlyArray<{ value: string; label: string }>;
  /** Agencies a case may be referred to (every other one; the service judges each case). */
  readonly referralTargets: ReadonlyArray<{ value: string; label: string }>;
  /** Whether the viewer's role may assign (the transition table: registrars, supervisors). */
  readonly mayAssign: boolean;
  /** What the last bulk action did to each case. */
  readonly results?: { readonly action: 'assign' | 'refer'; readonly result: BulkResultDto };
  readonly bulkState?: FormState;
  readonly notice?: string;
  /** The list's filters as a query string, carried by the bulk form so the list after an action is this one. */
  readonly filtersQuery: string;
}

type Tab = keyof InboxCounts;
/** Each tab is a preset of the executor and due filters; its count is what it would list. */
const TABS: ReadonlyArray<{ tab: Tab; assignee?: string; due?: string }> = [
  { tab: 'all' },
  { tab: 'mine', assignee: 'me' },
  { tab: 'unassigned', assignee: 'none' },
  { tab: 'overdue', due: 'overdue' },
  { tab: 'week', due: 'week' },
];

/** The inbox's link with these filters (empty ones left out), optionally at a page position. */
export function inboxHref(filter: InboxFilterValues, position?: { after?: string; before?: string }): string {
  const query = new URLSearchParams();
  for (const field of INBOX_FILTER_FIELDS) {
    const value = filter[field];
    if (value) query.set(field, value);
  }
  if (position?.after) query.set('after', position.after);
  if (position?.before) query.set('before', position.before);
  const text = query.toString();
  return text ? `/office?${text}` : '/office';
}

/**
 * The officials' inbox (issue 15): view tabs with their counts, a form of labelled filters, the
 * cases in a table (caption, column headers) with a labelled checkbox each and "assign to me"
 * where the rules allow it, keyset pages both ways, and the bulk actions with their per-case
 * results. The bulk form holds the table, so the checkboxes are its fields without any script.
 */
export function inboxPage(ctx: PageContext, view: InboxView): SafeHtml {
  const t = ctx.texts;
  const { page, filter } = view;
  return layout(ctx, {
    title: t.msg('inbox.title'),
    notice: view.notice,
    body: html`<h1>${t.msg('inbox.title')}</h1>
${view.results ? resultsSection(t, view.results) : ''}
${tabs(t, filter, page.counts)}
${filterForm(t, view)}
<form method="post" action="/office/inbox/bulk" class="bulk" data-form="bulk">
${csrfField(ctx)}<input type="hidden" name="filters" value="${view.filtersQuery}">
${formMessage(view.bulkState, 'bulk')}
${caseTable(t, view)}
${pager(t, filter, page)}
${bulkActions(t, view)}
</form>`,
  });
}

function tabs(t: Texts, filter: InboxFilterValues, counts: InboxCounts): SafeHtml {
  const rest = { ...filter, assignee: undefined, due: undefined };
  return html`<nav class="tabs" aria-label="${t.msg('inbox.tabs')}"><ul>${TABS.map(({ tab, assignee, due }) => {
    const current = (filter.assignee ?? '') === (assignee ?? '') && (filter.due ?? '') === (due ?? '');
    return html`<li><a href="${inboxHref({ ...rest, assignee, due })}" data-tab="${tab}"${current ? html` aria-current="page"` : ''}>${t.msg(
      `inbox.tab.${tab}`,
    )} <span class="tab-count" data-count="${tab}">(${counts[tab]})</span></a></li>`;
  })}</ul></nav>`;
}

function filterForm(t: Texts, view: InboxView): SafeHtml {
  const f = 'filter';
  const { filter } = view;
  const state = view.filterState ?? { form: f, errors: [], values: { ...filter } };
  const option = (value: string, key: MessageKey) => ({ value, label: t.msg(key) });
  return html`<form method="get" action="/office" class="filters" aria-labelledby="filters-title">
<h2 id="filters-title">${t.msg('inbox.filters')}</h2>
${formMessage(view.filterState, f)}
<div class="filter-grid">
${select({
  form: f,
  name: 'status',
  label: t.msg('inbox.status'),
  placeholder: t.msg('inbox.statusOpen'),
  options: APPEAL_STATUSES.map((s) => option(s, `status.${s}`)),
  state,
})}
${select({
  form: f,
  name: 'assignee',
  label: t.msg('inbox.assignee'),
  placeholder: t.msg('inbox.assigneeAny'),
  options: [option('me', 'inbox.assigneeMe'), option('none', 'inbox.assigneeNone'), ...view.executors],
  state,
})}
${select({
  form: f,
  name: 'due',
  label: t.msg('inbox.due'),
  placeholder: t.msg('inbox.dueAny'),
  options: INBOX_DUE.map((d) => option(d, d === 'overdue' ? 'inbox.dueOverdue' : 'inbox.dueWeek')),
  state,
})}
${select({ form: f, name: 'type', label: t.msg('inbox.type'), placeholder: t.msg('inbox.any'), options: APPEAL_TYPES.map((x) => option(x, `type.${x}`)), state })}
${select({
  form: f,
  name: 'channel',
  label: t.msg('inbox.channel'),
  placeholder: t.msg('inbox.any'),
  options: CHANNELS.map((c) => option(c, `inbox.channels.${c}`)),
  state,
})}
${input({ form: f, name: 'q', type: 'search', label: t.msg('inbox.search'), hint: t.msg('inbox.searchHint'), maxLength: 200, state })}
</div>
${filter.limit ? html`<input type="hidden" name="limit" value="${filter.limit}">` : ''}
<p><button type="submit">${t.msg('inbox.apply')}</button> <a href="/office">${t.msg('inbox.reset')}</a></p>
</form>`;
}

function caseTable(t: Texts, view: InboxView): SafeHtml {
  const { items } = view.page;
  if (items.length === 0) return html`<p data-empty="inbox">${t.msg('inbox.empty')}</p>`;
  // The action column only where some case may be taken ("assign to me"): most roles never can.
  const takes = items.some((item) => item.mayTake);
  return html`<div class="table-wrap"><table class="inbox">
<caption>${t.msg('inbox.caption', { shown: items.length })}</caption>
<thead><tr><th scope="col"><span class="visually-hidden">${t.msg('inbox.select')}</span></th><th scope="col">${t.msg('inbox.number')}</th><th scope="col">${t.msg(
    'inbox.subject',
  )}</th><th scope="col">${t.msg('inbox.type')}</th><th scope="col">${t.msg('inbox.agency')}</th><th scope="col">${t.msg('inbox.status')}</th><th scope="col">${t.msg(
    'inbox.executor',
  )}</th><th scope="col">${t.msg('inbox.dueDate')}</th><th scope="col">${t.msg('inbox.deadline')}</th>${
    takes ? html`<th scope="col">${t.msg('inbox.actions')}</th>` : ''
  }</tr></thead>
<tbody>
${items.map(({ appeal: a, mayTake }) => {
  const box = `select-${a.id}`;
  return html`<tr data-appeal="${a.id}">
<td class="pick"><input type="checkbox" id="${box}" name="appealId" value="${a.id}"><label for="${box}" class="visually-hidden">${t.msg(
    'inbox.selectCase',
    {
      number: a.registrationNumber,
    },
  )}</label><input type="hidden" name="version.${a.id}" value="${a.version}"></td>
<th scope="row"><a href="/office/appeals/${a.id}">${a.registrationNumber}</a></th>
<td>${a.subject}</td><td>${t.msg(`type.${a.type}`)}</td><td>${view.agencyName(a.agencyId)}</td><td data-status="${a.status}">${t.msg(`status.${a.status}`)}</td>
<td>${a.executorId ? (view.executorName(a.executorId) ?? '—') : t.msg('inbox.nobody')}</td>
<td><time datetime="${a.reviewDueDate}">${t.date(a.reviewDueDate)}</time></td>
${marker(t, a, view.workingDaysLeft(a), view.now)}
${
  takes
    ? html`<td>${
        mayTake
          ? html`<button type="submit" class="secondary" formaction="/office/inbox/${a.id}/take" name="takeVersion" value="${a.version}">${t.msg('inbox.take')}<span class="visually-hidden"> — ${a.registrationNumber}</span></button>`
          : ''
      }</td>`
    : ''
}
</tr>`;
})}
</tbody></table></div>`;
}

/** Overdue, due soon (3 working days or less, or 12 hours of a 24-hour term), on track; none once closed. Never colour alone. */
function marker(t: Texts, appeal: AppealDto, workingDaysLeft: number | null, now: Date): SafeHtml {
  let colour: Colour = 'none';
  let key: MessageKey = 'inbox.marker.closed';
  if (WORKING_STATUSES.includes(appeal.status)) {
    const msLeft = new Date(appeal.reviewDueAt).getTime() - now.getTime();
    [colour, key] =
      msLeft < 0
        ? ['red', 'inbox.marker.overdue']
        : (workingDaysLeft === null ? msLeft < 12 * 3_600_000 : workingDaysLeft <= 3)
          ? ['yellow', 'inbox.marker.dueSoon']
          : ['green', 'inbox.marker.onTrack'];
  }
  return html`<td class="light light-${colour}" data-colour="${colour}"><span class="dot" aria-hidden="true"></span> ${t.msg(key)}</td>`;
}

function pager(t: Texts, filter: InboxFilterValues, page: InboxPage): SafeHtml | '' {
  if (!page.prevCursor && !page.nextCursor) return '';
  return html`<nav class="pager" aria-label="${t.msg('inbox.pages')}"><ul>${
    page.prevCursor ? html`<li><a rel="prev" href="${inboxHref(filter, { before: page.prevCursor })}">${t.msg('inbox.prev')}</a></li>` : ''
  }${page.nextCursor ? html`<li><a rel="next" href="${inboxHref(filter, { after: page.nextCursor })}">${t.msg('inbox.next')}</a></li>` : ''}</ul></nav>`;
}

function bulkActions(t: Texts, view: InboxView): SafeHtml | '' {
  if (view.page.items.length === 0) return '';
  const f = 'bulk';
  const state = view.bulkState;
  return html`<section class="bulk-actions" aria-labelledby="bulk-title"><h2 id="bulk-title">${t.msg('inbox.bulk')}</h2>
<p class="hint">${t.msg('inbox.bulkHint')}</p>
<div class="bulk-forms">
${
  view.mayAssign
    ? html`<fieldset><legend>${t.msg('inbox.bulkAssign')}</legend>
${select({ form: f, name: 'executorId', label: t.msg('inbox.executor'), placeholder: t.msg('inbox.chooseExecutor'), options: view.executors, state })}
<button type="submit" name="op" value="assign">${t.msg('inbox.bulkAssign')}</button></fieldset>`
    : ''
}
<fieldset><legend>${t.msg('inbox.bulkRefer')}</legend>
${select({ form: f, name: 'toAgencyId', label: t.msg('inbox.toAgency'), placeholder: t.msg('inbox.chooseAgency'), options: view.referralTargets, state })}
${textarea({ form: f, name: 'note', label: t.msg('inbox.note'), rows: 2, maxLength: 2000, state })}
<button type="submit" name="op" value="refer">${t.msg('inbox.bulkRefer')}</button></fieldset>
</div>
</section>`;
}

/** The refusal in words: the same codes the single actions answer. */
function refusalText(t: Texts, code: string | null): string {
  switch (code) {
    case 'APPEAL_NOT_FOUND':
    case 'NOT_FOUND':
      return t.msg('inbox.refusal.notFound');
    case 'VERSION_CONFLICT':
      return t.msg('inbox.refusal.changed');
    case 'REFERRAL_TO_RESPONDENT_FORBIDDEN':
      return t.msg('inbox.refusal.respondent');
    case 'TRANSITION_NOT_ALLOWED':
    case 'FORBIDDEN':
    case 'APPEAL_CLOSED':
      return t.msg('inbox.refusal.notAllowed');
    case 'VALIDATION_FAILED':
    case 'APPEAL_UNKNOWN_AGENCY':
      return t.msg('inbox.refusal.invalid');
    default:
      return t.msg('inbox.refusal.rule', { code: code ?? '' });
  }
}

function resultsSection(t: Texts, results: NonNullable<InboxView['results']>): SafeHtml {
  const { result } = results;
  return html`<section class="results" aria-labelledby="results-title" data-results="${results.action}">
<h2 id="results-title">${t.msg(results.action === 'assign' ? 'inbox.resultsAssign' : 'inbox.resultsRefer')}</h2>
<p role="status">${t.msg('inbox.summary', { done: result.done, refused: result.refused })}</p>
<div class="table-wrap"><table><caption class="visually-hidden">${t.msg(
    results.action === 'assign' ? 'inbox.resultsAssign' : 'inbox.resultsRefer',
  )}</caption>
<thead><tr><th scope="col">${t.msg('inbox.case')}</th><th scope="col">${t.msg('inbox.outcome')}</th><th scope="col">${t.msg('inbox.reason')}</th></tr></thead>
<tbody>${result.items.map(
    (item) => html`<tr data-result="${item.outcome}" data-appeal="${item.appealId}">
<th scope="row">${item.registrationNumber ? html`<a href="/office/appeals/${item.appealId}">${item.registrationNumber}</a>` : t.msg('inbox.unknownCase')}</th>
<td>${t.msg(item.outcome === 'done' ? 'inbox.done' : 'inbox.refused')}</td>
<td>${item.outcome === 'refused' ? html`<span data-code="${item.code ?? ''}">${refusalText(t, item.code)}</span>` : ''}</td></tr>`,
  )}</tbody></table></div></section>`;
}
