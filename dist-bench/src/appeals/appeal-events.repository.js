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
exports.AppealEventsRepository = void 0;
const common_1 = require("@nestjs/common");
const db_1 = require("../platform/database/db");
const EVENT_COLUMNS = `appeal_id AS "appealId", seq, type, actor_id AS "actorId", actor_role AS "actorRole",
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
  data, prev_hash AS "prevHash", hash`;
/** The append-only, hash-chained audit trail of each appeal. */
let AppealEventsRepository = class AppealEventsRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    /**
     * Appends an event. The caller holds the appeal's row lock (a new appeal, or lockForUpdate), so
     * reading the chain's head and appending cannot interleave with another writer. The hash is
     * computed by PostgreSQL's appeal_event_hash(), the same function set-wise updates use.
     */
    async append(tx, appealId, input) {
        const [row] = await tx.query(`WITH head AS (SELECT seq, hash FROM appeal_events WHERE appeal_id = $1 ORDER BY seq DESC LIMIT 1),
            next AS (SELECT coalesce((SELECT seq FROM head), 0) + 1 AS seq, (SELECT hash FROM head) AS prev_hash)
       INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
       SELECT $1, next.seq, $2, $3, $4, $5, $6::jsonb, next.prev_hash,
              appeal_event_hash(next.prev_hash, $1, next.seq, $2, $3, $4, $5, $6::jsonb)
       FROM next
       RETURNING ${EVENT_COLUMNS}`, [appealId, input.type, input.actorId, input.actorRole, input.occurredAt, JSON.stringify(input.data)]);
        return row;
    }
    async list(appealId) {
        return this.db.query(`SELECT ${EVENT_COLUMNS} FROM appeal_events WHERE appeal_id = $1 ORDER BY seq`, [appealId]);
    }
};
exports.AppealEventsRepository = AppealEventsRepository;
exports.AppealEventsRepository = AppealEventsRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [db_1.Db])
], AppealEventsRepository);
//# sourceMappingURL=appeal-events.repository.js.map