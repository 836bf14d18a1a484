/**
 * Retention of closed cases' personal data (issue 16): after RETENTION_YEARS years the parties'
 * names, contacts and addresses, the texts and the attachments are erased; the statistics stay.
 */

/** The instant before which a case must have been closed: `years` calendar years before now. */
export function closedBefore(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  // 29 February minus a year is 1 March in JavaScript; the day before is the same "N years ago".
  if (cutoff.getUTCMonth() !== now.getUTCMonth()) cutoff.setUTCDate(0);
  return cutoff;
}

/** The scheduled run starts at this Baku hour, when the offices are closed. */
export const SCHEDULED_RUN_HOUR = 3;

/** The Baku day whose scheduled run is due at `localTime` (HH:MM in Baku), or null before the hour. */
export function scheduledRunDay(bakuDate: string, bakuHour: number, lastRunDay: string | null): string | null {
  if (bakuHour < SCHEDULED_RUN_HOUR) return null;
  return lastRunDay === bakuDate ? null : bakuDate;
}
