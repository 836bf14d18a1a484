import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor } from '../platform/database/db';
import { AnswerTemplateEntity } from './entities/answer-template.entity';

export interface AnswerTemplateRow {
  id: string;
  agencyId: string;
  title: string;
  body: string;
  updatedAt: Date;
}

const COLUMNS = `id, agency_id AS "agencyId", title, body, updated_at AS "updatedAt"`;

const ROW = { id: true, agencyId: true, title: true, body: true, updatedAt: true } as const;

/**
 * The agencies' answer templates (issue 15), by agency and title. A plain CRUD table: an entity
 * (docs/adr/0002-entities-for-crud-tables.md), except the rename's guarded UPDATE below.
 */
@Injectable()
export class AnswerTemplatesRepository {
  constructor(private readonly db: Db) {}

  list(agencyId: string | undefined, limit: number): Promise<AnswerTemplateRow[]> {
    return this.db.manager.getRepository(AnswerTemplateEntity).find({
      select: ROW,
      where: agencyId === undefined ? {} : { agencyId },
      order: { agencyId: 'ASC', title: 'ASC' },
      take: limit,
    });
  }

  async find(id: string, executor: SqlExecutor = this.db): Promise<AnswerTemplateRow | undefined> {
    return (await executor.manager.getRepository(AnswerTemplateEntity).findOne({ select: ROW, where: { id } })) ?? undefined;
  }

  /** Undefined when the agency has a template of this title already (ON CONFLICT DO NOTHING: the transaction goes on). */
  async insert(tx: SqlExecutor, template: { agencyId: string; title: string; body: string }): Promise<AnswerTemplateRow | undefined> {
    const result = await tx.manager
      .createQueryBuilder()
      .insert()
      .into(AnswerTemplateEntity)
      .values({ agencyId: template.agencyId, title: template.title, body: template.body })
      .orIgnore()
      .execute();
    const [row] = result.raw as Array<{ id: string; updated_at: Date }>;
    return row
      ? { id: row.id, agencyId: template.agencyId, title: template.title, body: template.body, updatedAt: row.updated_at }
      : undefined;
  }

  /**
   * Undefined when another template of the agency has this title (the unique key refuses it). SQL:
   * the title check and the write are one statement, and a unique violation would abort the
   * surrounding transaction, audit row and all.
   */
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
    return (await tx.manager.getRepository(AnswerTemplateEntity).delete({ id })).affected === 1;
  }
}
