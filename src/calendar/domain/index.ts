export type { CalendarEntry, CalendarFieldError, CalendarYear, CalendarYearStatus } from './calendar-year';
export {
  CalendarYearValidationError,
  MAX_ENTRIES_PER_LIST,
  MAX_REASON_LENGTH,
  dayOfWeek,
  fromDayNumber,
  parseCalendarYear,
  toDayNumber,
  tryToDayNumber,
  validateCalendarYear,
} from './calendar-year';
export { generateProvisionalYear } from './provisional-calendar';
export type { CalendarDayRow, CalendarRange } from './working-day-calendar';
export { DEFAULT_CALENDAR_RANGE, WorkingDayCalendar } from './working-day-calendar';
export type { Deadline, TermLedger } from './deadline';
export { BAKU_TIME_ZONE, computeDeadline, endOfDayInBaku, formatInBaku, ledger, urgentDueAt } from './deadline';
export { loadCalendarYearsFromDir } from './calendar-files';
