"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppModule = void 0;
const common_1 = require("@nestjs/common");
const schedule_1 = require("@nestjs/schedule");
const agencies_module_1 = require("./agencies/agencies.module");
const appeals_module_1 = require("./appeals/appeals.module");
const auth_module_1 = require("./auth/auth.module");
const calendar_module_1 = require("./calendar/calendar.module");
const health_module_1 = require("./health/health.module");
const notifications_module_1 = require("./notifications/notifications.module");
const config_module_1 = require("./platform/config/config.module");
const clock_module_1 = require("./platform/clock/clock.module");
const database_module_1 = require("./platform/database/database.module");
const idempotency_module_1 = require("./platform/idempotency/idempotency.module");
const outbox_module_1 = require("./platform/outbox/outbox.module");
const queue_module_1 = require("./platform/queue/queue.module");
/**
 * One code base, three roles (STYLE.md "Same code, two entrypoints"): `api` serves HTTP, `worker`
 * runs queue consumers and schedulers (with /health only), `all` does both.
 */
let AppModule = AppModule_1 = class AppModule {
    static forRoot(config) {
        const platform = [
            config_module_1.ConfigModule.forRoot(config),
            clock_module_1.ClockModule,
            database_module_1.DatabaseModule,
            queue_module_1.QueueModule,
            outbox_module_1.OutboxModule,
            idempotency_module_1.IdempotencyModule,
            schedule_1.ScheduleModule.forRoot(),
            health_module_1.HealthModule,
            notifications_module_1.NotificationsModule,
        ];
        const api = [auth_module_1.AuthModule, agencies_module_1.AgenciesModule, calendar_module_1.CalendarModule, appeals_module_1.AppealsModule];
        return {
            module: AppModule_1,
            imports: config.role === 'worker' ? platform : [...platform, ...api],
        };
    }
};
exports.AppModule = AppModule;
exports.AppModule = AppModule = AppModule_1 = __decorate([
    (0, common_1.Module)({})
], AppModule);
//# sourceMappingURL=app.module.js.map