import { AgencyDto } from '../../agencies/dto/agency.dto';
import { ROLES } from '../../auth/actor';
import { CalendarEntry } from '../../calendar/domain';
import { html, SafeHtml } from '../html';
import { Texts } from '../i18n';
import { csrfField, FormState, formMessage, input, layout, PageContext, select, textarea } from '../layout';
import { agencyOptions } from './evaluation-admin.view';

/** The year of the working-day calendar as stored, or undefined when the calendar has no such year. */
export interface CalendarYearView {
  readonly status: string;
  readonly decisionRef: string | null;
  readonly nonWorkingDays: readonly CalendarEntry[];
  readonly workingWeekendDays: readonly CalendarEntry[];
}

/** What the administration page shows: the chosen calendar year, the agencies, a failed form's state. */
export interface AdminPage {
  readonly year: number;
  readonly calendar: CalendarYearView | undefined;
  readonly agencies: readonly AgencyDto[];
  readonly state?: FormState;
  readonly notice?: string;
}

/**
 * Administration: the calendar years (with the decision they follow), the agencies, new staff
 * accounts, and the way to the other admin pages. Each form is its own panel, so one form's
 * button is never read as the next form's.
 */
export function adminPage(ctx: PageContext, page: AdminPage): SafeHtml {
  const t = ctx.texts;
  return layout(ctx, {
    title: t.msg('admin.title'),
    notice: page.notice,
    body: html`<h1>${t.msg('admin.title')}</h1>
${calendarSection(ctx, page)}
${agenciesSection(ctx, page)}
${newUserSection(ctx, page)}
${moreSection(t)}`,
  });
}

function calendarSection(ctx: PageContext, page: AdminPage): SafeHtml {
  const t = ctx.texts;
  const { state, calendar } = page;
  return html`<section aria-labelledby="cal"><h2 id="cal">${t.msg('admin.calendar.title')}</h2>
<form method="get" action="/admin" class="filter-row">${input({
    form: 'pick',
    name: 'year',
    type: 'number',
    min: 2015,
    max: 2040,
    label: t.msg('admin.calendar.year'),
    value: String(page.year),
  })}<button type="submit" class="secondary">${t.msg('admin.calendar.open')}</button></form>
${formMessage(state, 'calendar')}
<form method="post" action="/admin/calendar" class="panel">${csrfField(ctx)}<input type="hidden" name="year" value="${page.year}">
${select({
  form: 'calendar',
  name: 'status',
  label: t.msg('admin.calendar.status'),
  options: [
    { value: 'official', label: t.msg('admin.calendar.official') },
    { value: 'provisional', label: t.msg('admin.calendar.provisional') },
  ],
  value: calendar?.status,
  state,
  required: true,
})}
${input({ form: 'calendar', name: 'decisionRef', label: t.msg('admin.calendar.decisionRef'), value: calendar?.decisionRef ?? '', state, maxLength: 200 })}
${textarea({ form: 'calendar', name: 'nonWorkingDays', label: t.msg('admin.calendar.nonWorkingDays'), value: entriesText(calendar?.nonWorkingDays), state, rows: 10 })}
${textarea({ form: 'calendar', name: 'workingWeekendDays', label: t.msg('admin.calendar.workingWeekendDays'), value: entriesText(calendar?.workingWeekendDays), state, rows: 3 })}
<button type="submit">${t.msg('admin.calendar.save')}</button></form></section>`;
}

function agenciesSection(ctx: PageContext, page: AdminPage): SafeHtml {
  const t = ctx.texts;
  const { state, agencies } = page;
  return html`<section aria-labelledby="ag"><h2 id="ag">${t.msg('admin.agencies.title')}</h2>
<details class="listing"><summary>${t.plural('admin.agencies.count', agencies.length)}</summary><ul>${agencies.map((a) => html`<li>${a.code} — ${a.name}</li>`)}</ul></details>
${formMessage(state, 'agency')}
<form method="post" action="/admin/agencies" class="panel">${csrfField(ctx)}
${input({ form: 'agency', name: 'code', label: t.msg('admin.agencies.code'), state, required: true, maxLength: 40 })}
${input({ form: 'agency', name: 'name', label: t.msg('admin.agencies.name'), state, required: true, maxLength: 300 })}
${input({ form: 'agency', name: 'nameEn', label: t.msg('admin.agencies.nameEn'), state, maxLength: 300 })}
${select({ form: 'agency', name: 'parentId', label: t.msg('admin.agencies.parent'), options: agencyOptions(agencies), placeholder: '—', state })}
<button type="submit">${t.msg('admin.agencies.add')}</button></form></section>`;
}

function newUserSection(ctx: PageContext, page: AdminPage): SafeHtml {
  const t = ctx.texts;
  const { state } = page;
  return html`<section aria-labelledby="us"><h2 id="us">${t.msg('admin.newUser.title')}</h2>
${formMessage(state, 'user')}
<form method="post" action="/admin/users" class="panel">${csrfField(ctx)}
${input({ form: 'user', name: 'fullName', label: t.msg('admin.newUser.fullName'), state, required: true, maxLength: 200 })}
${input({ form: 'user', name: 'email', type: 'email', label: t.msg('admin.newUser.email'), state, required: true, maxLength: 254 })}
${input({ form: 'user', name: 'password', type: 'password', label: t.msg('admin.newUser.password'), state, required: true, autocomplete: 'new-password', maxLength: 128 })}
${select({ form: 'user', name: 'role', label: t.msg('admin.newUser.role'), options: ROLES.map((r) => ({ value: r, label: t.role(r) })), state, required: true })}
${select({ form: 'user', name: 'agencyId', label: t.msg('admin.newUser.agency'), options: agencyOptions(page.agencies), placeholder: '—', state })}
<button type="submit">${t.msg('admin.newUser.create')}</button></form></section>`;
}

function moreSection(t: Texts): SafeHtml {
  return html`<section aria-labelledby="more"><h2 id="more">${t.msg('admin.more.title')}</h2>
<ul class="links"><li><a href="/admin/users">${t.msg('admin.more.users')}</a></li>
<li><a href="/admin/answer-templates">${t.msg('admin.more.templates')}</a></li>
<li><a href="/admin/evaluation">${t.msg('admin.more.evaluation')}</a></li></ul></section>`;
}

function entriesText(entries: readonly CalendarEntry[] | undefined): string {
  return (entries ?? []).map((e) => `${e.date} ${e.reason}`).join('\n');
}
