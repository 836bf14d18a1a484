"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.recordAdminAction = recordAdminAction;
/** Administrative changes (users, agencies, calendar) are audited with who, when and what. */
async function recordAdminAction(executor, entry) {
    await executor.query(`INSERT INTO audit_log (actor_id, action, subject_type, subject_id, data) VALUES ($1, $2, $3, $4, $5)`, [entry.actorId, entry.action, entry.subjectType, entry.subjectId, JSON.stringify(entry.data ?? {})]);
}
//# sourceMappingURL=audit-log.js.map