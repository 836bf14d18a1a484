import { Injectable } from '@nestjs/common';
import { Tx } from '../platform/database/db';
import { ErasureCounts, PersonalDataRepository } from './personal-data.repository';

export { ErasureCounts, NO_ERASURE } from './personal-data.repository';

/**
 * The appeals module's face for retention (RETENTION_YEARS): the appeals' personal data lives in
 * appeals' tables, so the retention module erases it through here, never by its own SQL.
 */
@Injectable()
export class PersonalDataService {
  constructor(private readonly personalData: PersonalDataRepository) {}

  /** The dry run: what a run would erase now. */
  countErasable(closedBefore: Date): Promise<ErasureCounts> {
    return this.personalData.countErasable(closedBefore);
  }

  /** Erases up to `limit` closed appeals in the caller's transaction, each with its audit event. */
  eraseBatch(
    tx: Tx,
    input: { closedBefore: Date; limit: number; at: Date; actorId: string | null; retentionYears: number },
  ): Promise<ErasureCounts> {
    return this.personalData.eraseBatch(tx, input);
  }

  /** Mail addresses left in the outbox payloads of erased appeals' sent mails. */
  forgetMailRecipients(): Promise<number> {
    return this.personalData.forgetMailRecipients();
  }
}
