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
exports.CalendarYearUpdatedDto = exports.CalendarYearDto = exports.CalendarEntryDto = exports.DeadlineDto = exports.DeadlineQueryDto = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const validators_1 = require("../../platform/http/validators");
class DeadlineQueryDto {
    /** Receipt date (day 0), YYYY-MM-DD. */
    from;
    workingDays;
}
exports.DeadlineQueryDto = DeadlineQueryDto;
__decorate([
    (0, validators_1.IsDateOnly)(),
    __metadata("design:type", String)
], DeadlineQueryDto.prototype, "from", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(120),
    __metadata("design:type", Number)
], DeadlineQueryDto.prototype, "workingDays", void 0);
class DeadlineDto {
    from;
    workingDays;
    dueDate;
    dueAt;
    provisional;
    skippedDates;
}
exports.DeadlineDto = DeadlineDto;
class CalendarEntryDto {
    date;
    reason;
}
exports.CalendarEntryDto = CalendarEntryDto;
class CalendarYearDto {
    year;
    status;
    decisionRef;
    nonWorkingDays;
    workingWeekendDays;
}
exports.CalendarYearDto = CalendarYearDto;
class CalendarYearUpdatedDto extends CalendarYearDto {
    calendarVersion;
    /** Open appeals whose deadlines moved with this change. */
    movedAppeals;
}
exports.CalendarYearUpdatedDto = CalendarYearUpdatedDto;
//# sourceMappingURL=calendar.dto.js.map