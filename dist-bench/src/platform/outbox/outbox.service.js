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
exports.OutboxService = void 0;
const common_1 = require("@nestjs/common");
const queue_module_1 = require("../queue/queue.module");
/**
 * Side effects (mail, jobs) are written here inside the state change's transaction and leave
 * only after COMMIT (DEVELOPERS.md "Data safety").
 */
let OutboxService = class OutboxService {
    producer;
    constructor(producer) {
        this.producer = producer;
    }
    async write(tx, messages) {
        if (messages.length === 0)
            return;
        const rows = await tx.query(`INSERT INTO outbox (topic, dedupe_key, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id::text, topic`, [messages.map((m) => m.topic), messages.map((m) => m.dedupeKey), messages.map((m) => JSON.stringify(m.payload))]);
        tx.afterCommit(() => this.producer.enqueueOutbox(rows));
    }
};
exports.OutboxService = OutboxService;
exports.OutboxService = OutboxService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [queue_module_1.JobProducer])
], OutboxService);
//# sourceMappingURL=outbox.service.js.map