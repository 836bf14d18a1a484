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
exports.QueueModule = exports.JobProducer = exports.REDIS = void 0;
const common_1 = require("@nestjs/common");
const bullmq_1 = require("bullmq");
const ioredis_1 = require("ioredis");
const config_module_1 = require("../config/config.module");
const queues_1 = require("./queues");
const redis_1 = require("./redis");
exports.REDIS = Symbol('REDIS');
/** The one typed producer (STYLE.md "Queues"). */
let JobProducer = class JobProducer {
    redis;
    outboxQueue;
    constructor(redis, config) {
        this.redis = redis;
        this.outboxQueue = new bullmq_1.Queue(queues_1.QUEUE_NAMES.outbox, {
            connection: redis,
            prefix: config.queuePrefix,
        });
    }
    /** Hands a committed outbox row to the queue; the row id is the job id, so repeats are no-ops. */
    async enqueueOutbox(rows) {
        if (rows.length === 0)
            return;
        await this.outboxQueue.addBulk(rows.map((row) => ({
            name: row.topic,
            data: { outboxId: row.id },
            opts: {
                jobId: (0, queues_1.outboxJobId)(row.id),
                attempts: queues_1.OUTBOX_JOB_ATTEMPTS,
                backoff: { type: 'exponential', delay: queues_1.OUTBOX_JOB_BACKOFF_MS },
                ...queues_1.OUTBOX_JOB_RETENTION,
            },
        })));
    }
    async onApplicationShutdown() {
        await this.outboxQueue.close();
    }
};
exports.JobProducer = JobProducer;
exports.JobProducer = JobProducer = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(exports.REDIS)),
    __param(1, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [ioredis_1.Redis, Object])
], JobProducer);
let QueueModule = class QueueModule {
    redis;
    constructor(redis) {
        this.redis = redis;
    }
    async onApplicationShutdown() {
        await this.redis.quit().catch(() => undefined);
    }
};
exports.QueueModule = QueueModule;
exports.QueueModule = QueueModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({
        providers: [
            {
                provide: exports.REDIS,
                inject: [config_module_1.APP_CONFIG],
                useFactory: (config) => {
                    if (!config.redisUrl)
                        throw new Error('REDIS_URL is not resolved; start through the launcher');
                    return (0, redis_1.createRedis)(config.redisUrl, 'client');
                },
            },
            JobProducer,
        ],
        exports: [exports.REDIS, JobProducer],
    }),
    __param(0, (0, common_1.Inject)(exports.REDIS)),
    __metadata("design:paramtypes", [ioredis_1.Redis])
], QueueModule);
//# sourceMappingURL=queue.module.js.map