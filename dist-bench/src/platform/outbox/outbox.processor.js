"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var OutboxProcessor_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboxProcessor = void 0;
const common_1 = require("@nestjs/common");
const db_1 = require("../database/db");
const queues_1 = require("../queue/queues");
const outbox_handler_registry_1 = require("./outbox-handler.registry");
/**
 * Runs one outbox row. Idempotent: the row is locked while its effect runs and marked done in the
 * same transaction, so a retried or duplicated job finds it done and does nothing.
 */
let OutboxProcessor = OutboxProcessor_1 = class OutboxProcessor {
    db;
    registry;
    logger = new common_1.Logger(OutboxProcessor_1.name);
    constructor(db, registry) {
        this.db = db;
        this.registry = registry;
    }
    async process(outboxId, attempt) {
        try {
            return await this.db.transaction(async (tx) => {
                const [row] = await tx.query(`SELECT topic, payload, status FROM outbox WHERE id = $1 FOR UPDATE SKIP LOCKED`, [outboxId]);
                // Locked by another worker, already done, or gone: nothing to do here.
                if (!row || row.status !== 'pending')
                    return 'skipped';
                const handler = this.registry.get(row.topic);
                if (!handler)
                    throw new Error(`no handler for outbox topic ${row.topic}`);
                await handler.handle(row.payload, { outboxId, attempt });
                await tx.execute(`UPDATE outbox SET status = 'done', processed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [outboxId]);
                return 'done';
            });
        }
        catch (error) {
            const final = attempt >= queues_1.OUTBOX_JOB_ATTEMPTS;
            await this.db.execute(`UPDATE outbox SET attempts = attempts + 1, last_error = left($2, 500),
                status = CASE WHEN $3 THEN 'failed' ELSE status END
         WHERE id = $1 AND status = 'pending'`, [outboxId, error.message, final]);
            this.logger.warn({ outboxId, attempt, final, error: error.message });
            throw error;
        }
    }
};
exports.OutboxProcessor = OutboxProcessor;
exports.OutboxProcessor = OutboxProcessor = OutboxProcessor_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [db_1.Db,
        outbox_handler_registry_1.OutboxHandlerRegistry])
], OutboxProcessor);
//# sourceMappingURL=outbox.processor.js.map