import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor } from '../platform/database/db';

export interface AnswerTemplateRow {
  id: string;
  agencyId: string;
  title: string;
  body: string;
  updatedAt: Date;
}

const COLUMNS = `id, agency_id AS "agencyId", title, body, updated_at AS "updatedAt"`;

/** The agencies' answer templates (issue 15), by agency and title. */
@Injectable()
export class AnswerTemplatesRepository {
  constructor(private readonly db: Db) {}

  list(agencyId: string | undefined, limit: number): Promise<AnswerTemplateRow[]> {
    return this.db.query<AnswerTemplateRow>(
      `SELECT ${COLUMNS} FROM answer_templates WHERE ($1::uuid IS NULL OR agency_id = $1) ORDER BY agency_id, title LIMIT $2`,
      [agencyId ?? null, limit],
    );
  }

  async find(id: string, executor: SqlExecutor = this.db): Promise<AnswerTemplateRow | undefined> {
    const [row] = await executor.query<AnswerTemplateRow>(`SELECT ${COLUMNS} FROM answer_templates WHERE id = $1`, [id]);
    return row;
  }

  /** Undefined when the agency has a template of this title already. */
  async insert(tx: SqlExecutor, template: { agencyId: string; title: string; body: string }): Promise<AnswerTemplateRow | undefined> {
    const [row] = await tx.query<AnswerTemplateRow>(
      `INSERT INTO answer_templates (agency_id, title, body) VALUES ($1, $2, $3)
       ON CONFLICT (agency_id, title) DO NOTHING RETURNING ${COLUMNS}`,
      [template.agencyId, template.title, template.body],
    );
    return row;
  }

  /** Undefined when another template of the agency has this title (the unique key refuses it). */
  async update(tx: SqlExecutor, id: string, changes: { title: string; body: string }): Promise<AnswerTemplateRow | undefined> {
    const [row] = await tx.query<AnswerTemplateRow>(
      `UPDATE answer_templates t SET title = $2, body = $3, updated_at = now()
       WHERE t.id = $1
         AND NOT EXISTS (SELECT 1 FROM answer_templates o WHERE o.agency_id = t.agency_id AND o.title = $2 AND o.id <> t.id)
       RETURNING ${COLUMNS}`,
      [id, changes.title, changes.body],
    );
    return row;
  }

  async delete(tx: SqlExecutor, id: string): Promise<boolean> {
    return (await tx.query(`DELETE FROM answer_templates WHERE id = $1 RETURNING 1`, [id])).length === 1;
  }
}
