import { SqlExecutor } from '../database/db';

/** Administrative changes (users, agencies, calendar) are audited with who, when and what. */
export async function recordAdminAction(
  executor: SqlExecutor,
  entry: { actorId: string | null; action: string; subjectType: string; subjectId: string; data?: object },
): Promise<void> {
  await executor.query(`INSERT INTO audit_log (actor_id, action, subject_type, subject_id, data) VALUES ($1, $2, $3, $4, $5)`, [
    entry.actorId,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    JSON.stringify(entry.data ?? {}),
  ]);
}
