"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OUTBOX_JOB_RETENTION = exports.OUTBOX_JOB_BACKOFF_MS = exports.OUTBOX_JOB_ATTEMPTS = exports.QUEUE_NAMES = void 0;
exports.outboxJobId = outboxJobId;
/**
 * The one place that names queues, jobs and their payloads (STYLE.md "Queues").
 * Payloads carry ids only; handlers reload from PostgreSQL.
 */
exports.QUEUE_NAMES = {
    outbox: 'outbox',
};
/** Retry policy of outbox deliveries: ~2 s doubling to ~68 min, about 2.3 h in all (SMTP outages). */
exports.OUTBOX_JOB_ATTEMPTS = 13;
exports.OUTBOX_JOB_BACKOFF_MS = 2_000;
exports.OUTBOX_JOB_RETENTION = {
    removeOnComplete: { age: 3_600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3_600 },
};
/** BullMQ ids may not contain ':'; the outbox row id is the business key. */
function outboxJobId(outboxId) {
    return `outbox-${outboxId}`;
}
//# sourceMappingURL=queues.js.map