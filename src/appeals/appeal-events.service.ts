import { Injectable } from '@nestjs/common';
import { Tx } from '../platform/database/db';
import { AppealEventType } from './domain/appeal-events';
import { AppealEventInput, AppealEventRow, AppealEventsRepository, ChainReport } from './appeal-events.repository';

/**
 * The appeals module's face for its audit trail: other modules append an appeal's event in their
 * own transaction through here (STYLE.md "A module never writes another module's tables").
 */
@Injectable()
export class AppealEventsService {
  constructor(private readonly events: AppealEventsRepository) {}

  /** Appends a hash-chained event in the caller's transaction (with its own state change). */
  append<T extends AppealEventType>(tx: Tx, appealId: string, input: AppealEventInput<T>): Promise<AppealEventRow> {
    return this.events.append(tx, appealId, input);
  }

  /** Every chain verified; at most `limit` breaks listed. */
  verifyChains(limit: number): Promise<ChainReport> {
    return this.events.verifyChains(limit);
  }
}
