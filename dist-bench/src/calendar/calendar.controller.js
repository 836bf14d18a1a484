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
exports.CalendarController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const auth_decorators_1 = require("../auth/auth.decorators");
const calendar_service_1 = require("./calendar.service");
const calendar_dto_1 = require("./dto/calendar.dto");
let CalendarController = class CalendarController {
    calendar;
    constructor(calendar) {
        this.calendar = calendar;
    }
    /** The deadline ledger: lets anyone check the arithmetic of a term (appeals-rules.md 7). */
    deadline(query) {
        return this.calendar.deadline(query.from, query.workingDays);
    }
    year(year) {
        return this.calendar.year(year);
    }
    /**
     * Replaces a year's non-working weekdays and working weekend days (admin). Validated as a whole;
     * audited; bumps the calendar version; recomputes the deadlines of open appeals that depend on
     * the changed dates. The body is validated by the calendar domain, hence no DTO class here.
     */
    async replaceYear(actor, year, body) {
        const result = await this.calendar.replaceYear(actor, year, body);
        return { ...result.year, calendarVersion: result.version, movedAppeals: result.movedAppeals };
    }
};
exports.CalendarController = CalendarController;
__decorate([
    (0, auth_decorators_1.Public)(),
    (0, common_1.Get)('deadline'),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [calendar_dto_1.DeadlineQueryDto]),
    __metadata("design:returntype", calendar_dto_1.DeadlineDto)
], CalendarController.prototype, "deadline", null);
__decorate([
    (0, auth_decorators_1.Public)(),
    (0, common_1.Get)('years/:year'),
    __param(0, (0, common_1.Param)('year', common_1.ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Number]),
    __metadata("design:returntype", calendar_dto_1.CalendarYearDto)
], CalendarController.prototype, "year", null);
__decorate([
    (0, swagger_1.ApiBearerAuth)(),
    (0, swagger_1.ApiBody)({ type: calendar_dto_1.CalendarYearDto }),
    (0, auth_decorators_1.Roles)('admin'),
    (0, common_1.Put)('years/:year'),
    __param(0, (0, auth_decorators_1.CurrentActor)()),
    __param(1, (0, common_1.Param)('year', common_1.ParseIntPipe)),
    __param(2, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, Object]),
    __metadata("design:returntype", Promise)
], CalendarController.prototype, "replaceYear", null);
exports.CalendarController = CalendarController = __decorate([
    (0, swagger_1.ApiTags)('calendar'),
    (0, common_1.Controller)('api/v1/calendar'),
    __metadata("design:paramtypes", [calendar_service_1.CalendarService])
], CalendarController);
//# sourceMappingURL=calendar.controller.js.map