/**
 * A provisional year generated from the Labour Code rules, for years the Cabinet has not yet
 * published (working-days-az.md "Years with no official list"). Voting days (105-1) and Cabinet
 * swaps (105.7) are announced case by case, so they are data, never generated here.
 */
import { CalendarEntry, CalendarYear, civilOf, dayNumberOf, fromDayNumber, isWeekend } from './calendar-year';

interface Holiday {
  az: string;
  en: string;
  /** A non-working holiday of Labour Code 105.2, which triggers 105.5 / 105.6 transfers. */
  transfers: boolean;
  /** Ramazan or Qurban, the holidays that 105.6 is about. */
  lunar: boolean;
}

const holiday = (az: string, en: string): Holiday => ({ az, en, transfers: true, lunar: false });

// Labour Code 105.2: the non-working holidays with a fixed Gregorian date.
const FIXED_HOLIDAYS: ReadonlyArray<[month: number, day: number, holiday: Holiday]> = [
  [1, 1, holiday('Yeni il', 'New Year')],
  [1, 2, holiday('Yeni il', 'New Year')],
  [3, 8, holiday('Qadınlar günü', "Women's Day")],
  [5, 9, holiday('Faşizm üzərində qələbə günü', 'Victory over Fascism Day')],
  [5, 28, holiday('Müstəqillik Günü', 'Independence Day')],
  [6, 15, holiday('Milli Qurtuluş Günü', 'National Salvation Day')],
  [6, 26, holiday('Silahlı Qüvvələr Günü', 'Armed Forces Day')],
  [11, 8, holiday('Zəfər Günü', 'Victory Day')],
  [11, 9, holiday('Dövlət Bayrağı Günü', 'State Flag Day')],
  [12, 31, holiday('Dünya azərbaycanlılarının həmrəyliyi günü', 'Solidarity Day of World Azerbaijanis')],
];

// Labour Code 106: Jan 20 is not a working day, but it is a mourning day, not a 105.2 holiday,
// so it moves no rest day.
const MOURNING_DAY: Holiday = {
  az: 'Ümumxalq hüzn günü',
  en: 'National Mourning Day',
  transfers: false,
  lunar: false,
};

const NOVRUZ = holiday('Novruz bayramı', 'Novruz');
// Labour Code 105.1: Novruz is 5 days. The Cabinet has set Mar 20-24 in every year of the shipped
// data, also in 2027 when the equinox falls on Mar 21 Baku time, so the estimate follows practice.
const NOVRUZ_START: [month: number, day: number] = [3, 20];
const NOVRUZ_DAYS = 5;

const RAMAZAN: Holiday = { az: 'Ramazan bayramı', en: 'Eid al-Fitr', transfers: true, lunar: true };
const QURBAN: Holiday = { az: 'Qurban bayramı', en: 'Eid al-Adha', transfers: true, lunar: true };
const LUNAR_HOLIDAY_DAYS = 2;

const MONTHS_AZ = ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avqust', 'sentyabr', 'oktyabr', 'noyabr', 'dekabr'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// ---------------------------------------------------------------------------------------------
// Lunar holidays. Azerbaijan dates 1 Shawwal and 10 Dhu al-Hijjah by crescent sighting (QMİ and
// ANAS, Labour Code 105.4); Umm al-Qura from Node's ICU is the best maintained estimate and can be
// a day off, which is one reason these years stay provisional.
// ---------------------------------------------------------------------------------------------

const SHAWWAL = 10;
const DHU_AL_HIJJAH = 12;

let hijriFormat: Intl.DateTimeFormat | undefined;

function hijriFormatter(): Intl.DateTimeFormat {
  if (hijriFormat === undefined) {
    const format = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
      timeZone: 'UTC',
      month: 'numeric',
      day: 'numeric',
    });
    if (format.resolvedOptions().calendar !== 'islamic-umalqura') {
      throw new Error('This Node.js build has no ICU islamic-umalqura calendar (needs full-icu)');
    }
    hijriFormat = format;
  }
  return hijriFormat;
}

/** Hijri month and day (Umm al-Qura) of a day number. */
function hijriMonthDay(dayNumber: number): { month: number; day: number } {
  const { year, month, day } = civilOf(dayNumber);
  // Noon UTC keeps the date clear of any time-zone edge.
  const parts = hijriFormatter().formatToParts(new Date(Date.UTC(year, month - 1, day, 12)));
  let hMonth = NaN;
  let hDay = NaN;
  for (const part of parts) {
    if (part.type === 'month') hMonth = Number(part.value);
    else if (part.type === 'day') hDay = Number(part.value);
  }
  return { month: hMonth, day: hDay };
}

/** First days of Ramazan (1 Shawwal) and Qurban (10 Dhu al-Hijjah) bayrams within [from, to]. */
export function lunarHolidayStarts(from: number, to: number): { ramazan: number[]; qurban: number[] } {
  const ramazan: number[] = [];
  const qurban: number[] = [];
  for (let d = from; d <= to; d++) {
    const h = hijriMonthDay(d);
    if (h.month === SHAWWAL && h.day === 1) ramazan.push(d);
    else if (h.month === DHU_AL_HIJJAH && h.day === 10) qurban.push(d);
  }
  return { ramazan, qurban };
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

type TransferRule = '105.5' | '105.6';

interface TransferClaim {
  /** The day whose rest was lost. */
  from: number;
  rule: TransferRule;
  /** Names of the holidays behind the claim, for the reason text. */
  holidays: Holiday[];
}

function describeDay(dayNumber: number, year: number): { az: string; en: string } {
  const c = civilOf(dayNumber);
  const suffix = c.year === year ? '' : ` ${c.year}`;
  return { az: `${c.day} ${MONTHS_AZ[c.month - 1]}${suffix}`, en: `${c.day} ${MONTHS_EN[c.month - 1]}${suffix}` };
}

function holidayReason(holidays: Holiday[]): string {
  const unique = holidays.filter((h, i) => holidays.findIndex((o) => o.az === h.az) === i);
  return `${unique.map((h) => h.az).join(', ')} (${unique.map((h) => h.en).join(', ')})`;
}

function transferReason(claim: TransferClaim, year: number): string {
  const day = describeDay(claim.from, year);
  if (claim.rule === '105.5') {
    return `${day.az} istirahət günü əvəzinə, ƏM 105.5 (for the rest day of ${day.en}, Labour Code 105.5)`;
  }
  // Kept short: two long holiday names must still fit the 200-character reason limit.
  const lunar = claim.holidays.find((h) => h.lunar) ?? claim.holidays[0];
  const others = claim.holidays.filter((h) => h !== lunar);
  return (
    `${day.az}: ${lunar.az} və ${others.map((h) => h.az).join(', ')} üst-üstə düşür, ƏM 105.6 ` +
    `(${lunar.en} on ${others.map((h) => h.en).join(', ')}, ${day.en}, Labour Code 105.6)`
  );
}

function addHoliday(map: Map<number, Holiday[]>, dayNumber: number, h: Holiday): void {
  const list = map.get(dayNumber);
  if (list === undefined) map.set(dayNumber, [h]);
  else list.push(h);
}

/** Holidays of the Labour Code that fall within [from, to]. */
function holidaysBetween(from: number, to: number): Map<number, Holiday[]> {
  const map = new Map<number, Holiday[]>();
  const firstYear = civilOf(from).year;
  const lastYear = civilOf(to).year;
  const put = (d: number, h: Holiday): void => {
    if (d >= from && d <= to) addHoliday(map, d, h);
  };
  for (let y = firstYear; y <= lastYear; y++) {
    for (const [month, day, h] of FIXED_HOLIDAYS) put(dayNumberOf(y, month, day), h);
    put(dayNumberOf(y, 1, 20), MOURNING_DAY);
    const novruz = dayNumberOf(y, NOVRUZ_START[0], NOVRUZ_START[1]);
    for (let i = 0; i < NOVRUZ_DAYS; i++) put(novruz + i, NOVRUZ);
  }
  // Scan one day earlier so a bayram that starts the day before `from` still gives its day 2.
  const lunar = lunarHolidayStarts(from - 1, to);
  for (const start of lunar.ramazan) for (let i = 0; i < LUNAR_HOLIDAY_DAYS; i++) put(start + i, RAMAZAN);
  for (const start of lunar.qurban) for (let i = 0; i < LUNAR_HOLIDAY_DAYS; i++) put(start + i, QURBAN);
  return map;
}

/**
 * The provisional calendar of a year: fixed holidays, Novruz, Ramazan and Qurban (Umm al-Qura
 * estimate), the mourning day, and the rest days moved by Labour Code 105.5 and 105.6.
 */
export function generateProvisionalYear(year: number): CalendarYear {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`Cannot generate a calendar for year ${year}`);
  }
  const first = dayNumberOf(year, 1, 1);
  const last = dayNumberOf(year, 12, 31);
  // Start in December of the year before: a Dec 31 on a Saturday moves its rest day into January.
  const start = dayNumberOf(year - 1, 12, 1);
  const holidays = holidaysBetween(start, last);

  const nonWorkingDays: CalendarEntry[] = [];
  // 105.5 claims are served before 105.6 ones; the dates come out the same either way, and this
  // order matches how the Cabinet's decisions word it (2026: Mar 25-26 for the weekend, 27 and 30
  // for Ramazan on Novruz).
  const weekendClaims: TransferClaim[] = [];
  const overlapClaims: TransferClaim[] = [];

  for (let d = start; d <= last; d++) {
    const onDay = holidays.get(d) ?? [];
    const weekend = isWeekend(d);

    if (onDay.length === 0 && !weekend) {
      // A working day: the first ones after a holiday take the moved rest days.
      const claim = weekendClaims.shift() ?? overlapClaims.shift();
      if (claim !== undefined && d >= first) {
        nonWorkingDays.push({ date: fromDayNumber(d), reason: transferReason(claim, year) });
      }
      continue;
    }

    if (!weekend && d >= first) {
      nonWorkingDays.push({ date: fromDayNumber(d), reason: holidayReason(onDay) });
    }
    const counted = onDay.filter((h) => h.transfers);
    // Labour Code 105.5: a rest day that coincides with a non-working holiday moves to the next
    // working day after the holiday.
    if (weekend && counted.length > 0) weekendClaims.push({ from: d, rule: '105.5', holidays: counted });
    // Labour Code 105.6: Ramazan or Qurban on another non-working holiday gives the next working
    // day off, one per overlapping day.
    if (counted.length > 1 && counted.some((h) => h.lunar)) {
      for (let i = 1; i < counted.length; i++) overlapClaims.push({ from: d, rule: '105.6', holidays: counted });
    }
  }

  return { year, status: 'provisional', decisionRef: null, nonWorkingDays, workingWeekendDays: [] };
}
