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
exports.LoginRateLimiter = void 0;
const common_1 = require("@nestjs/common");
const ioredis_1 = require("ioredis");
const node_crypto_1 = require("node:crypto");
const config_module_1 = require("../platform/config/config.module");
const domain_error_1 = require("../platform/errors/domain-error");
const queue_module_1 = require("../platform/queue/queue.module");
/**
 * Fixed-window login limits in Redis, shared by every API replica: per account (password guessing)
 * and per client address (password spraying). Keys hold hashes, not e-mails.
 */
let LoginRateLimiter = class LoginRateLimiter {
    redis;
    config;
    constructor(redis, config) {
        this.redis = redis;
        this.config = config;
    }
    async hit(email, clientIp) {
        const { max, windowSeconds } = this.config.loginRateLimit;
        const keys = [this.key('account', email), this.key('ip', clientIp)];
        const results = await this.redis
            .multi()
            .incr(keys[0])
            .expire(keys[0], windowSeconds, 'NX')
            .incr(keys[1])
            .expire(keys[1], windowSeconds, 'NX')
            .exec();
        const accountHits = Number(results?.[0]?.[1] ?? 0);
        const ipHits = Number(results?.[2]?.[1] ?? 0);
        // An address may serve many people (NAT), so it gets a wider allowance than one account.
        if (accountHits > max || ipHits > max * 10) {
            throw new domain_error_1.DomainError('TOO_MANY_REQUESTS', `Too many login attempts; try again in up to ${windowSeconds} s.`);
        }
    }
    key(kind, value) {
        const digest = (0, node_crypto_1.createHash)('sha256').update(value).digest('hex').slice(0, 32);
        return `${this.config.queuePrefix}:login:${kind}:${digest}`;
    }
};
exports.LoginRateLimiter = LoginRateLimiter;
exports.LoginRateLimiter = LoginRateLimiter = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(queue_module_1.REDIS)),
    __param(1, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [ioredis_1.Redis, Object])
], LoginRateLimiter);
//# sourceMappingURL=login-rate-limiter.js.map