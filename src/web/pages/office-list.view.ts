import { APPEAL_STATUSES, AppealStatus } from '../../appeals/domain/appeal-types';
import { AppealDto } from '../../appeals/dto/appeal.dto';
import { html, SafeHtml } from '../html';
import { FormState, formMessage, input, layout, PageContext, select } from '../layout';
import { deadlineMarker } from './appeal.view';

/** The staff's list of cases by nearest deadline: counts per status, the filters as chosen, one page. */
export interface OfficeListPage {
  readonly counts: { readonly byStatus: Readonly<Record<AppealStatus, number>>; readonly overdue: number };
  readonly filter: { readonly overdue: boolean; readonly mine: boolean };
  readonly state: FormState;
  /** Set when the filters were refused: the form shows why, the list is empty. */
  readonly failed: boolean;
  readonly items: readonly AppealDto[];
  readonly agencyName: (id: string | null) => string;
  readonly workingDaysLeft: (appeal: AppealDto) => number | null;
  readonly now: Date;
  readonly next?: string;
}

export function officeListPage(ctx: PageContext, page: OfficeListPage): SafeHtml {
  const t = ctx.texts;
  const { state } = page;
  return layout(ctx, {
    title: t.msg('officeCase.list.title'),
    body: html`<h1>${t.msg('officeCase.list.title')}</h1>
<p class="counts">${APPEAL_STATUSES.map((s) => html`<span>${t.status(s)}: <strong>${page.counts.byStatus[s]}</strong></span> · `)}<span data-colour="${
      page.counts.overdue > 0 ? 'red' : 'green'
    }">${t.msg('officeCase.list.overdueCount')}: <strong>${page.counts.overdue}</strong></span></p>
<form method="get" action="/office" class="filter-row">
${page.failed ? formMessage(state, 'filter') : ''}
${select({
  form: 'filter',
  name: 'status',
  label: t.msg('officeCase.list.status'),
  options: APPEAL_STATUSES.map((s) => ({ value: s, label: t.status(s) })),
  placeholder: t.msg('officeCase.list.all'),
  state,
})}
${input({ form: 'filter', name: 'q', type: 'search', label: t.msg('officeCase.list.search'), state, maxLength: 200 })}
<div class="choice"><input type="checkbox" id="filter-overdue" name="overdue" value="true"${page.filter.overdue ? html` checked` : ''}><label for="filter-overdue">${t.msg(
      'officeCase.list.overdueOnly',
    )}</label></div>
<div class="choice"><input type="checkbox" id="filter-mine" name="mine" value="true"${page.filter.mine ? html` checked` : ''}><label for="filter-mine">${t.msg(
      'officeCase.list.mine',
    )}</label></div>
<button type="submit">${t.msg('officeCase.list.filter')}</button></form>
<div class="table-wrap"><table><caption>${t.msg('officeCase.list.caption')}</caption>
<thead><tr><th scope="col">${t.msg('officeCase.list.number')}</th><th scope="col">${t.msg('officeCase.list.subject')}</th><th scope="col">${t.msg(
      'officeCase.list.type',
    )}</th>
<th scope="col">${t.msg('officeCase.list.agency')}</th><th scope="col">${t.msg('officeCase.list.status')}</th><th scope="col">${t.msg(
      'officeCase.list.due',
    )}</th><th scope="col">${t.msg('officeCase.list.deadline')}</th></tr></thead><tbody>
${page.items.map(
  (a) =>
    html`<tr><td><a href="/office/appeals/${a.id}">${a.registrationNumber}</a></td><td>${a.subject}</td><td>${t.type(a.type)}</td><td>${page.agencyName(
      a.agencyId,
    )}</td><td>${t.status(a.status)}</td><td><time datetime="${a.reviewDueDate}">${t.date(a.reviewDueDate)}</time></td>${deadlineMarker(
      t,
      a,
      page.workingDaysLeft(a),
      page.now,
    )}</tr>`,
)}
</tbody></table></div>
${page.items.length === 0 ? html`<p>${t.msg('officeCase.list.empty')}</p>` : ''}
${page.next ? html`<p><a href="${page.next}">${t.msg('officeCase.list.next')}</a></p>` : ''}`,
  });
}
