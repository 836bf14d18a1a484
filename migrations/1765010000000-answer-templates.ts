import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: answer templates per agency, kept by admins. An official picks one on the answer form
 * and the server fills its placeholders with the case's values (domain/answer-template.ts). A
 * template is the agency's standard wording, never a person's data: no retention applies. Titles
 * are unique per agency; the bounds are the DTO's (dto/answer-template.dto.ts), held here too.
 */
export class AnswerTemplates1765010000000 implements MigrationInterface {
  name = 'AnswerTemplates1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE answer_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        title text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 200),
        body text NOT NULL CHECK (char_length(body) BETWEEN 10 AND 20000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, title)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE answer_templates`);
  }
}
