import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A midnight burst (issue 5: 100,000 timers due at once) made cheaper per timer:
 *  - the scheduler's claim (pending -> queued) becomes a HOT update: the timers' index no longer
 *    names `state`, only `fired_at`, so the claim writes no index entry; room on each page for it;
 *  - alerts lose their foreign keys to appeals and agencies, a trigger call and an index probe per
 *    alert (about 40 % of firing a timer). Alerts are written only by the firing, from
 *    appeal_state's own row (which has both keys), and appeals are never deleted, so the checks
 *    proved nothing; deadline_timers has none, for the same reason.
 */
export class AlertBurst1764295200000 implements MigrationInterface {
  name = 'AlertBurst1764295200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_appeal_id_fkey, DROP CONSTRAINT alerts_agency_id_fkey`);
    // Claims, the lost-job sweep and the idle tick all read unfired timers by fire time.
    await q.query(`CREATE INDEX deadline_timers_unfired_idx ON deadline_timers (fire_at, id) WHERE fired_at IS NULL`);
    await q.query(`DROP INDEX deadline_timers_pending_idx, deadline_timers_queued_idx`);
    await q.query(`ALTER TABLE deadline_timers SET (fillfactor = 80)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadline_timers RESET (fillfactor)`);
    await q.query(`CREATE INDEX deadline_timers_pending_idx ON deadline_timers (fire_at) WHERE state = 'pending'`);
    await q.query(`CREATE INDEX deadline_timers_queued_idx ON deadline_timers (fire_at) WHERE state = 'queued'`);
    await q.query(`DROP INDEX deadline_timers_unfired_idx`);
    await q.query(`ALTER TABLE alerts ADD FOREIGN KEY (appeal_id) REFERENCES appeals(id), ADD FOREIGN KEY (agency_id) REFERENCES agencies(id)`);
  }
}
