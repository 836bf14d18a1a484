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
var OutboxWorker_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboxWorker = void 0;
const common_1 = require("@nestjs/common");
const schedule_1 = require("@nestjs/schedule");
const bullmq_1 = require("bullmq");
const config_module_1 = require("../config/config.module");
const queues_1 = require("../queue/queues");
const redis_1 = require("../queue/redis");
const outbox_processor_1 = require("./outbox.processor");
const outbox_relay_1 = require("./outbox.relay");
const RELAY_INTERVAL_MS = 10_000;
const OUTBOX_CONCURRENCY = 16;
/** Present in the `worker` and `all` roles only: consumes the outbox queue and runs the relay. */
let OutboxWorker = OutboxWorker_1 = class OutboxWorker {
    config;
    processor;
    relay;
    scheduler;
    logger = new common_1.Logger(OutboxWorker_1.name);
    worker;
    connection;
    constructor(config, processor, relay, scheduler) {
        this.config = config;
        this.processor = processor;
        this.relay = relay;
        this.scheduler = scheduler;
    }
    onApplicationBootstrap() {
        if (this.config.role === 'api')
            return;
        this.connection = (0, redis_1.createRedis)(this.config.redisUrl, 'worker');
        this.worker = new bullmq_1.Worker(queues_1.QUEUE_NAMES.outbox, (job) => this.processor.process(job.data.outboxId, job.attemptsMade + 1), {
            connection: this.connection,
            prefix: this.config.queuePrefix,
            concurrency: OUTBOX_CONCURRENCY,
        });
        this.worker.on('error', (error) => this.logger.warn(`outbox worker: ${error.message}`));
        if (this.config.schedulerEnabled) {
            const timer = setInterval(() => {
                this.relay.relayPending().catch((error) => this.logger.warn(`outbox relay: ${error.message}`));
            }, RELAY_INTERVAL_MS);
            this.scheduler.addInterval('outbox-relay', timer);
        }
    }
    async onApplicationShutdown() {
        if (this.scheduler.doesExist('interval', 'outbox-relay'))
            this.scheduler.deleteInterval('outbox-relay');
        // Lets running jobs finish (graceful shutdown); unfinished ones are picked up again as stalled.
        await this.worker?.close();
        await this.connection?.quit().catch(() => undefined);
    }
};
exports.OutboxWorker = OutboxWorker;
exports.OutboxWorker = OutboxWorker = OutboxWorker_1 = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, outbox_processor_1.OutboxProcessor,
        outbox_relay_1.OutboxRelay,
        schedule_1.SchedulerRegistry])
], OutboxWorker);
//# sourceMappingURL=outbox.worker.js.map