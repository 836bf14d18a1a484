import ICAL from 'ical.js';
import { FEED_CATEGORIES, FeedCase, feedEntries, renderFeed } from './calendar-feed';

const ME = 'user-me';
const cases: FeedCase[] = [
  {
    id: 'a1',
    registrationNumber: 'M-2026-0000001',
    type: 'complaint',
    status: 'in_review',
    referralDueDate: '2026-05-27',
    reviewDueDate: '2026-06-12',
    executorId: ME,
  },
  {
    id: 'a2',
    registrationNumber: 'M-2026-0000002',
    type: 'application',
    status: 'registered',
    referralDueDate: '2026-05-28',
    reviewDueDate: '2026-06-15',
    executorId: null,
  },
  // The same case again (it is both "mine" and the agency's): listed once.
  {
    id: 'a1',
    registrationNumber: 'M-2026-0000001',
    type: 'complaint',
    status: 'in_review',
    referralDueDate: '2026-05-27',
    reviewDueDate: '2026-06-12',
    executorId: ME,
  },
];

describe('calendar feed', () => {
  const entries = feedEntries(cases, ME, (id) => `https://portal.az/office/appeals/${id}`, 'portal.az');
  const text = renderFeed(entries, { name: 'e-Müraciət', stamp: new Date('2026-05-25T06:00:00Z') });
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');

  it('is RFC 5545 that ical.js parses: one all-day event per due date, each case once', () => {
    expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual([
      'a1-review@portal.az',
      'a2-review@portal.az',
      'a2-referral@portal.az',
    ]);
    const first = events[0].getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(first.isDate).toBe(true);
    expect(first.toString()).toBe('2026-06-12');
    expect((events[0].getFirstPropertyValue('dtend') as ICAL.Time).toString()).toBe('2026-06-13');
  });

  it("puts my cases and the agency's in two categories, with the case page as the link", () => {
    expect(events.map((e) => e.getFirstPropertyValue('categories'))).toEqual([
      FEED_CATEGORIES.mine,
      FEED_CATEGORIES.agency,
      FEED_CATEGORIES.agency,
    ]);
    expect(events[1].getFirstPropertyValue('url')).toBe('https://portal.az/office/appeals/a2');
    expect(events[1].getFirstPropertyValue('summary')).toMatch(/^M-2026-0000002 · ərizə/);
  });
});
