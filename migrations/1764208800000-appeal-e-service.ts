import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A complaint may name the e-service it is about (evaluation-methodology.md sect. 5: "a complaint
 * linked to a specific e-service counts against that service in its row").
 */
export class AppealEService1764208800000 implements MigrationInterface {
  name = 'AppealEService1764208800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE appeals ADD COLUMN e_service_id uuid REFERENCES e_services(id)`);
    await q.query(`CREATE INDEX appeals_e_service_idx ON appeals (e_service_id, received_on) WHERE e_service_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE appeals DROP COLUMN IF EXISTS e_service_id`);
  }
}
