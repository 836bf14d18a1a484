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
exports.IdempotencyService = void 0;
exports.hashRequest = hashRequest;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const db_1 = require("../database/db");
const domain_error_1 = require("../errors/domain-error");
const canonical_json_1 = require("../json/canonical-json");
/** API.md: the same key and body within 24 h returns the first response. */
const KEY_LIFETIME_HOURS = 24;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/**
 * Idempotent creation. The key row is written in the same transaction as the work, so a failed
 * attempt leaves no key behind, and a concurrent duplicate waits on the key's unique index and then
 * replays the committed response.
 */
let IdempotencyService = class IdempotencyService {
    db;
    constructor(db) {
        this.db = db;
    }
    async run(userId, key, request, work) {
        if (key === undefined) {
            const result = await this.db.transaction(work);
            return { ...result, replayed: false };
        }
        if (!KEY_PATTERN.test(key)) {
            throw domain_error_1.DomainError.field('MALFORMED_REQUEST', 'Idempotency-Key', 'Idempotency-Key must be 1-200 visible ASCII characters.');
        }
        const requestHash = hashRequest(request);
        return this.db.transaction(async (tx) => {
            const claimed = await tx.query(`INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status_code = NULL, response = NULL, created_at = now()
           WHERE idempotency_keys.created_at < now() - make_interval(hours => $4)
         RETURNING 1`, [userId, key, requestHash, KEY_LIFETIME_HOURS]);
            if (claimed.length === 0) {
                const [stored] = await tx.query(`SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key]);
                if (stored.request_hash !== requestHash) {
                    throw domain_error_1.DomainError.field('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key', 'This Idempotency-Key was used with a different request.');
                }
                if (stored.status_code === null) {
                    throw new domain_error_1.DomainError('IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed.');
                }
                return { statusCode: stored.status_code, body: stored.response, replayed: true };
            }
            const result = await work(tx);
            await tx.execute(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`, [
                userId,
                key,
                result.statusCode,
                JSON.stringify(result.body),
            ]);
            return { ...result, replayed: false };
        });
    }
};
exports.IdempotencyService = IdempotencyService;
exports.IdempotencyService = IdempotencyService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [db_1.Db])
], IdempotencyService);
/** Canonical JSON (sorted keys) so that the same body in another key order is the same request. */
function hashRequest(value) {
    return (0, node_crypto_1.createHash)('sha256').update((0, canonical_json_1.canonicalJson)(value)).digest('hex');
}
//# sourceMappingURL=idempotency.service.js.map