import ical, { ICalCalendar } from 'ical-generator';

/**
 * A staff member's deadlines as an RFC 5545 calendar: one all-day event per due date of an open
 * case. Only what identifies the case inside the office: number, type, status, the due date and
 * the link to its page; never the applicant, the subject or the text (rule 18).
 */
export interface FeedCase {
  readonly id: string;
  readonly registrationNumber: string;
  readonly type: 'proposal' | 'application' | 'complaint';
  readonly status: string;
  readonly referralDueDate: string | null;
  readonly reviewDueDate: string;
  readonly executorId: string | null;
}

export const FEED_CATEGORIES = {
  mine: 'Mənə həvalə edilmiş (assigned to me)',
  agency: 'Qurumun işləri (agency cases)',
} as const;

const TYPE_NAMES: Record<FeedCase['type'], string> = {
  proposal: 'təklif (proposal)',
  application: 'ərizə (application)',
  complaint: 'şikayət (complaint)',
};

export interface FeedEntry {
  readonly uid: string;
  readonly date: string;
  readonly summary: string;
  readonly description: string;
  readonly category: keyof typeof FEED_CATEGORIES;
  readonly url: string;
}

/**
 * Each case once, in "assigned to me" when the caller is its executor, else in the agency's
 * category: its review due date, and while it is unassigned its referral due date (Art. 7.10).
 */
export function feedEntries(cases: readonly FeedCase[], userId: string, caseUrl: (id: string) => string, host: string): FeedEntry[] {
  const entries: FeedEntry[] = [];
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const category = c.executorId === userId ? 'mine' : 'agency';
    const type = TYPE_NAMES[c.type];
    entries.push({
      uid: `${c.id}-review@${host}`,
      date: c.reviewDueDate,
      summary: `${c.registrationNumber} · ${type}: baxılma müddəti (review due)`,
      description: `Müraciət ${c.registrationNumber}, ${type}, status: ${c.status}. Son gün (due): ${c.reviewDueDate}.`,
      category,
      url: caseUrl(c.id),
    });
    if (c.status === 'registered' && c.referralDueDate) {
      entries.push({
        uid: `${c.id}-referral@${host}`,
        date: c.referralDueDate,
        summary: `${c.registrationNumber} · ${type}: göndərmə müddəti, mad. 7.10 (referral due)`,
        description: `Səlahiyyətli quruma göndərmək üçün son gün (Art. 7.10): ${c.referralDueDate}.`,
        category,
        url: caseUrl(c.id),
      });
    }
  }
  return entries;
}

export function renderFeed(entries: readonly FeedEntry[], options: { name: string; stamp: Date }): string {
  const calendar: ICalCalendar = ical({
    name: options.name,
    prodId: { company: 'e-muraciet', product: 'deadlines', language: 'AZ' },
    // Clients poll; deadlines move with case actions and calendar changes.
    ttl: 15 * 60,
  });
  for (const entry of entries) {
    calendar.createEvent({
      id: entry.uid,
      start: entry.date,
      end: nextDay(entry.date),
      allDay: true,
      stamp: options.stamp,
      summary: entry.summary,
      description: entry.description,
      categories: [{ name: FEED_CATEGORIES[entry.category] }],
      url: entry.url,
    });
  }
  return calendar.toString();
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
