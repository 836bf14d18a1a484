import { Injectable } from '@nestjs/common';
import { Db } from '../platform/database/db';
import { AppealRow } from './appeals.repository';
import { INBOX_COUNTS, INBOX_PAGE_AFTER, INBOX_PAGE_BEFORE, InboxCountParams, InboxPageParams } from './queries/inbox.queries';

/** Each tab's count (inbox.queries.ts INBOX_COUNTS). */
export interface InboxCounts {
  readonly all: number;
  readonly mine: number;
  readonly unassigned: number;
  readonly overdue: number;
  readonly week: number;
}

/** The inbox's reads (issue 15): a keyset page either way, and the tab counts. */
@Injectable()
export class InboxRepository {
  constructor(private readonly db: Db) {}

  /** Up to `limit` cases in the inbox's order (due instant, id): after the position, or before it (`backward`). */
  async page(params: InboxPageParams, backward: boolean): Promise<AppealRow[]> {
    const query = backward ? INBOX_PAGE_BEFORE : INBOX_PAGE_AFTER;
    const rows = await this.db.query<AppealRow>(query.text, query.values(params));
    return backward ? rows.reverse() : rows;
  }

  async counts(params: InboxCountParams): Promise<InboxCounts> {
    const [row] = await this.db.query<InboxCounts>(INBOX_COUNTS.text, INBOX_COUNTS.values(params));
    return row;
  }
}
