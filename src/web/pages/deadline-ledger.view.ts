import { AppealDetailDto } from '../../appeals/dto/appeal.dto';
import { html, SafeHtml } from '../html';
import { Lang, Texts } from '../i18n';
import { CaseExtras } from './appeal.view';

/**
 * Which part of a calendar reason each page language reads. The years' reasons are data, not
 * catalogue texts, written "Azerbaijani (English)" (config/calendar, admin edits alike); the data has
 * no Russian, so Russian pages read the state language's part, marked with its own `lang`.
 */
const CALENDAR_PART: Readonly<Record<Lang, 'az' | 'en'>> = { az: 'az', ru: 'az', en: 'en' };

/**
 * A reason of the calendar data in the page's language (CALENDAR_PART). A reason without the
 * "Azerbaijani (English)" shape is shown whole, as Azerbaijani.
 */
export function calendarReason(lang: Lang, reason: string): { text: string; lang: Lang } {
  const trimmed = reason.trim();
  if (trimmed.endsWith(')')) {
    let depth = 0;
    for (let i = trimmed.length - 1; i >= 0; i--) {
      if (trimmed[i] === ')') depth++;
      else if (trimmed[i] === '(' && --depth === 0) {
        const az = trimmed.slice(0, i).trim();
        const en = trimmed.slice(i + 1, -1).trim();
        if (!az || !en) break;
        const part = CALENDAR_PART[lang];
        return { text: part === 'en' ? en : az, lang: part };
      }
    }
  }
  return { text: trimmed, lang: 'az' };
}

function reasonHtml(t: Texts, reason: string): SafeHtml {
  const said = calendarReason(t.lang, reason);
  return said.lang === t.lang ? html`${said.text}` : html`<span lang="${said.lang}">${said.text}</span>`;
}

function day(t: Texts, date: string): SafeHtml {
  return html`<time datetime="${date}">${t.date(date)}</time>`;
}

/**
 * appeals-rules.md 7: day 0 is the receipt; the term counts working days after it. The ledger
 * shows the days used and left, names each holiday and transferred rest day the term passed over
 * (with the reason from the calendar's data, working-days-az.md), counts the ordinary Saturdays and
 * Sundays instead of listing them, and names the weekend days a Cabinet swap made working days
 * (Labour Code 105.7). For the applicant's and the staff's case pages alike.
 */
export function deadlineLedger(t: Texts, appeal: AppealDetailDto, extras: Pick<CaseExtras, 'skippedDays' | 'workedWeekendDays'>): SafeHtml {
  const review = appeal.deadlines.review;
  if (review.workingDays === null) {
    return html`<section aria-labelledby="ledger"><h2 id="ledger">${t.msg('ledger.title')}</h2><p>${t.msg('ledger.urgent')}</p></section>`;
  }
  const named = extras.skippedDays.filter((d): d is { date: string; reason: string } => d.reason !== null);
  const restDays = extras.skippedDays.length - named.length;
  const count = (n: number | null) => (n === null ? '—' : t.plural('units.workingDays', n));
  return html`<section aria-labelledby="ledger"><h2 id="ledger">${t.msg('ledger.title')}</h2>
<div class="table-wrap"><table><tbody>
<tr><th scope="row">${t.msg('ledger.receivedOn')}</th><td>${day(t, appeal.receivedOn)}</td></tr>
<tr><th scope="row">${t.msg('ledger.term')}</th><td data-testid="term">${count(review.workingDays)}</td></tr>
<tr><th scope="row">${t.msg('ledger.used')}</th><td data-testid="days-used" data-days="${review.workingDaysUsed ?? ''}">${count(review.workingDaysUsed)}</td></tr>
<tr><th scope="row">${t.msg('ledger.left')}</th><td data-testid="days-left" data-days="${review.workingDaysLeft ?? ''}">${count(review.workingDaysLeft)}</td></tr>
<tr><th scope="row">${t.msg('ledger.lastDay')}</th><td>${day(t, review.dueDate)}${appeal.deadlines.provisional ? html` (${t.msg('ledger.provisional')})` : ''}</td></tr>
</tbody></table></div>
<h3>${t.msg('ledger.skipped')}</h3>
${
  extras.skippedDays.length === 0
    ? html`<p>${t.msg('ledger.noneSkipped')}</p>`
    : html`<p data-testid="rest-days" data-count="${restDays}">${t.msg('ledger.restDays', { days: t.plural('units.restDays', restDays) })}</p>
${named.length ? html`<ul class="skipped">${named.map((d) => html`<li data-date="${d.date}">${day(t, d.date)} — ${reasonHtml(t, d.reason)}</li>`)}</ul>` : ''}`
}
${
  extras.workedWeekendDays.length
    ? html`<h3>${t.msg('ledger.workedWeekend')}</h3>
<ul class="worked">${extras.workedWeekendDays.map(
        (d) =>
          html`<li data-date="${d.date}">${day(t, d.date)} — ${t.msg('ledger.transferredWorkingDay')}: ${reasonHtml(t, d.reason)}</li>`,
      )}</ul>`
    : ''
}</section>`;
}
