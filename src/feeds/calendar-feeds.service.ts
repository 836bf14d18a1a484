import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AppealsService } from '../appeals/appeals.service';
import { WORKING_STATUSES } from '../appeals/domain/case-rules';
import { Actor, isStaff } from '../auth/actor';
import { recordAdminAction } from '../platform/audit/audit-log';
import { Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Db } from '../platform/database/db';
import { DomainError, NotFoundError } from '../platform/errors/domain-error';
import { UsersService } from '../users/users.service';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { FeedCase, feedEntries, renderFeed } from './domain/calendar-feed';

/** The most cases one feed lists (nearest deadlines first): a calendar client is not a case list. */
export const FEED_MAX_CASES = 1_000;
const PAGE = 200;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Secret calendar feeds of staff deadlines (API.md "Integrations"). The URL holds a random token;
 * only its hash is stored, so a database reader cannot rebuild a working URL. The cases come from
 * the same list as the office's inbox, through the same access checks as the caller's own.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    private readonly feeds: CalendarFeedsRepository,
    private readonly appeals: AppealsService,
    private readonly users: UsersService,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A new secret URL; the previous one stops working. Not replayed through Idempotency-Key: the
   * stored response would keep the secret URL in clear, which the hashing exists to avoid.
   */
  async create(actor: Actor): Promise<{ url: string }> {
    if (!isStaff(actor)) throw new DomainError('FORBIDDEN', 'Calendar feeds list the deadlines of agency staff.');
    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async (tx) => {
      await this.feeds.replace(tx, actor.id, hashToken(token));
      await recordAdminAction(tx, { actorId: actor.id, action: 'calendar_feed.created', subjectType: 'user', subjectId: actor.id });
    });
    return { url: `${this.config.publicUrl}/api/v1/calendar-feeds/${token}.ics` };
  }

  async revoke(actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      if ((await this.feeds.revokeAll(tx, actor.id)) === 0) throw new NotFoundError('CALENDAR_FEED_NOT_FOUND', 'A calendar feed');
      await recordAdminAction(tx, { actorId: actor.id, action: 'calendar_feed.revoked', subjectType: 'user', subjectId: actor.id });
    });
  }

  /** The feed behind a token: 404 unknown (or its owner deactivated), 410 revoked; the owner's current role and agency decide what it lists. */
  async render(tokenWithSuffix: string): Promise<string> {
    const token = tokenWithSuffix.replace(/\.ics$/, '');
    if (!TOKEN_PATTERN.test(token)) throw new NotFoundError('CALENDAR_FEED_NOT_FOUND', 'The calendar feed');
    const feed = await this.feeds.findByHash(hashToken(token));
    if (!feed) throw new NotFoundError('CALENDAR_FEED_NOT_FOUND', 'The calendar feed');
    if (feed.revoked) throw new DomainError('CALENDAR_FEED_REVOKED', 'This calendar feed was revoked.');
    const user = await this.users.findAccount(feed.userId);
    // Issue 13: a deactivated account (a departed official) is switched off here too, as its sessions are.
    const actor: Actor | undefined = user?.active ? { id: user.id, role: user.role, agencyId: user.agencyId } : undefined;
    // A user who is no longer staff has no deadlines to show.
    if (!actor || !isStaff(actor)) throw new NotFoundError('CALENDAR_FEED_NOT_FOUND', 'The calendar feed');
    const cases = [...(await this.openCases(actor, 'me')), ...(await this.openCases(actor))];
    const host = new URL(this.config.publicUrl).hostname || 'e-muraciet.local';
    const entries = feedEntries(cases, actor.id, (id) => `${this.config.publicUrl}/office/appeals/${id}`, host);
    return renderFeed(entries, { name: 'e-Müraciət: son günlər (deadlines)', stamp: this.clock.now() });
  }

  /** Open cases the actor's own list shows, nearest deadline first, up to FEED_MAX_CASES per status. */
  private async openCases(actor: Actor, assignee?: 'me'): Promise<FeedCase[]> {
    const cases: FeedCase[] = [];
    for (const status of WORKING_STATUSES) {
      let cursor: string | undefined;
      let taken = 0;
      do {
        const page = await this.appeals.list(actor, { status, assignee, limit: PAGE, cursor });
        cases.push(...page.items);
        taken += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor && taken < FEED_MAX_CASES);
    }
    return cases;
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
