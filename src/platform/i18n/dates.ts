import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { az, enGB, ru, type Locale } from 'date-fns/locale';
import { Lang } from './messages';

/** Every date people read is Baku's (API.md "dates in Asia/Baku"). */
export const TIME_ZONE = 'Asia/Baku';

const LOCALES: Record<Lang, Locale> = { az, ru, en: enGB };

/** How each language writes a date: "2 dekabr 2026", "2 декабря 2026 г.", "2 December 2026". */
const DATE_PATTERN: Record<Lang, string> = { az: 'd MMMM yyyy', ru: "d MMMM yyyy 'г.'", en: 'd MMMM yyyy' };

/** A `YYYY-MM-DD` date is already Baku's calendar day: read as that day, never shifted by a zone. */
function toBakuDate(value: Date | string): Date {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return new TZDate(y, m - 1, d, TIME_ZONE);
  }
  return new TZDate(new Date(value).getTime(), TIME_ZONE);
}

/** Azerbaijani writes month names in lower case inside a date; date-fns' az locale capitalises them. */
function written(lang: Lang, text: string): string {
  return lang === 'az' ? text.toLocaleLowerCase('az') : text;
}

/** A calendar date as people write it in the language. */
export function formatDate(lang: Lang, value: Date | string): string {
  return written(lang, format(toBakuDate(value), DATE_PATTERN[lang], { locale: LOCALES[lang] }));
}

/** An instant as Baku's date and time of day: "2 dekabr 2026, 16:08". */
export function formatDateTime(lang: Lang, value: Date | string): string {
  return `${formatDate(lang, value)}, ${format(toBakuDate(value), 'HH:mm')}`;
}

/** A month of statistics: "dekabr 2026", "декабрь 2026", "December 2026" (the standalone form in Russian). */
export function formatMonth(lang: Lang, value: Date | string): string {
  return written(lang, format(toBakuDate(value), 'LLLL yyyy', { locale: LOCALES[lang] }));
}
