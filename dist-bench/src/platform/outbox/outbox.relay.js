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
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboxRelay = void 0;
const common_1 = require("@nestjs/common");
const db_1 = require("../database/db");
const queue_module_1 = require("../queue/queue.module");
/** Rows younger than this are still being handed off by the request that wrote them. */
const RELAY_GRACE_SECONDS = 5;
const RELAY_BATCH = 1_000;
/**
 * Re-hands pending outbox rows to the queue. Covers a crash between COMMIT and enqueue and an
 * emptied Redis: PostgreSQL is the source of truth, Redis only the near future.
 */
let OutboxRelay = class OutboxRelay {
    db;
    producer;
    constructor(db, producer) {
        this.db = db;
        this.producer = producer;
    }
    async relayPending() {
        let total = 0;
        let afterId = '0';
        for (;;) {
            const rows = await this.db.query(`SELECT id::text, topic FROM outbox
         WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1) AND id > $2::bigint
         ORDER BY id LIMIT $3`, [RELAY_GRACE_SECONDS, afterId, RELAY_BATCH]);
            if (rows.length === 0)
                return total;
            await this.producer.enqueueOutbox(rows);
            total += rows.length;
            afterId = rows[rows.length - 1].id;
        }
    }
};
exports.OutboxRelay = OutboxRelay;
exports.OutboxRelay = OutboxRelay = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [db_1.Db,
        queue_module_1.JobProducer])
], OutboxRelay);
//# sourceMappingURL=outbox.relay.js.map