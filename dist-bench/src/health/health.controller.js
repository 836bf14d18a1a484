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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HealthController = exports.HealthDto = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const ioredis_1 = require("ioredis");
const auth_decorators_1 = require("../auth/auth.decorators");
const db_1 = require("../platform/database/db");
const queue_module_1 = require("../platform/queue/queue.module");
const CHECK_TIMEOUT_MS = 2_000;
class HealthDto {
    status;
    db;
    redis;
}
exports.HealthDto = HealthDto;
let HealthController = class HealthController {
    db;
    redis;
    constructor(db, redis) {
        this.db = db;
        this.redis = redis;
    }
    /** 200 when PostgreSQL and Redis answer, 503 otherwise (API.md "Health and docs"). */
    async health(reply) {
        const [db, redis] = await Promise.all([
            probe(() => this.db.query('SELECT 1')),
            probe(() => this.redis.ping()),
        ]);
        const healthy = db && redis;
        void reply.status(healthy ? 200 : 503);
        return { status: healthy ? 'ok' : 'degraded', db: db ? 'up' : 'down', redis: redis ? 'up' : 'down' };
    }
};
exports.HealthController = HealthController;
__decorate([
    (0, auth_decorators_1.Public)(),
    (0, common_1.Get)(),
    __param(0, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "health", null);
exports.HealthController = HealthController = __decorate([
    (0, swagger_1.ApiTags)('health'),
    (0, common_1.Controller)('health'),
    __param(1, (0, common_1.Inject)(queue_module_1.REDIS)),
    __metadata("design:paramtypes", [db_1.Db,
        ioredis_1.Redis])
], HealthController);
async function probe(check) {
    let timer;
    try {
        await Promise.race([
            check(),
            new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
            }),
        ]);
        return true;
    }
    catch {
        return false;
    }
    finally {
        clearTimeout(timer);
    }
}
//# sourceMappingURL=health.controller.js.map