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
var Db_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.Db = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
/**
 * Thin, explicit SQL access on TypeORM's pool. Repositories write SQL by hand because the hot paths
 * (intake, keyset lists, set-wise recomputation) need exact control of statements and indexes.
 */
let Db = Db_1 = class Db {
    dataSource;
    logger = new common_1.Logger(Db_1.name);
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async query(sql, params = []) {
        const result = await this.dataSource.query(sql, params);
        return result;
    }
    async execute(sql, params = []) {
        const runner = this.dataSource.createQueryRunner();
        try {
            const result = await runner.query(sql, params, true);
            return result.affected ?? 0;
        }
        finally {
            await runner.release();
        }
    }
    /** One unit of work: every state change and its audit event commit together or not at all. */
    async transaction(work) {
        const runner = this.dataSource.createQueryRunner();
        const hooks = [];
        await runner.connect();
        let result;
        try {
            await runner.startTransaction();
            result = await work(new RunnerTx(runner, hooks));
            await runner.commitTransaction();
        }
        catch (error) {
            if (runner.isTransactionActive)
                await runner.rollbackTransaction();
            throw error;
        }
        finally {
            await runner.release();
        }
        for (const hook of hooks) {
            try {
                await hook();
            }
            catch (error) {
                // The work is committed; a failed hand-off is retried by the outbox relay.
                this.logger.warn(`after-commit hook failed: ${error.message}`);
            }
        }
        return result;
    }
};
exports.Db = Db;
exports.Db = Db = Db_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], Db);
class RunnerTx {
    runner;
    hooks;
    constructor(runner, hooks) {
        this.runner = runner;
        this.hooks = hooks;
    }
    async query(sql, params = []) {
        const result = await this.runner.query(sql, params, true);
        return result.records;
    }
    async execute(sql, params = []) {
        const result = await this.runner.query(sql, params, true);
        return result.affected ?? 0;
    }
    afterCommit(hook) {
        this.hooks.push(hook);
    }
}
//# sourceMappingURL=db.js.map