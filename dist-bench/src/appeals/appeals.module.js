"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppealsModule = void 0;
const common_1 = require("@nestjs/common");
const agencies_module_1 = require("../agencies/agencies.module");
const calendar_module_1 = require("../calendar/calendar.module");
const notifications_module_1 = require("../notifications/notifications.module");
const appeal_events_repository_1 = require("./appeal-events.repository");
const appeals_controller_1 = require("./appeals.controller");
const appeals_repository_1 = require("./appeals.repository");
const appeals_service_1 = require("./appeals.service");
const attachments_repository_1 = require("./attachments.repository");
const attachments_service_1 = require("./attachments.service");
let AppealsModule = class AppealsModule {
};
exports.AppealsModule = AppealsModule;
exports.AppealsModule = AppealsModule = __decorate([
    (0, common_1.Module)({
        imports: [agencies_module_1.AgenciesModule, calendar_module_1.CalendarModule, notifications_module_1.NotificationsModule],
        controllers: [appeals_controller_1.AppealsController],
        providers: [appeals_repository_1.AppealsRepository, appeal_events_repository_1.AppealEventsRepository, attachments_repository_1.AttachmentsRepository, appeals_service_1.AppealsService, attachments_service_1.AttachmentsService],
        exports: [appeals_service_1.AppealsService],
    })
], AppealsModule);
//# sourceMappingURL=appeals.module.js.map