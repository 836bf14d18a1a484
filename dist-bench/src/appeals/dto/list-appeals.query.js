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
exports.ListAppealsQuery = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const validators_1 = require("../../platform/http/validators");
const appeal_types_1 = require("../domain/appeal-types");
class ListAppealsQuery {
    status;
    agencyId;
    type;
    /** Open appeals past their review deadline. */
    overdue;
    /** Review due on or before this date. */
    dueBefore;
    limit;
    cursor;
}
exports.ListAppealsQuery = ListAppealsQuery;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(appeal_types_1.APPEAL_STATUSES),
    __metadata("design:type", String)
], ListAppealsQuery.prototype, "status", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], ListAppealsQuery.prototype, "agencyId", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(appeal_types_1.APPEAL_TYPES),
    __metadata("design:type", String)
], ListAppealsQuery.prototype, "type", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], ListAppealsQuery.prototype, "overdue", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.IsDateOnly)(),
    __metadata("design:type", String)
], ListAppealsQuery.prototype, "dueBefore", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(200),
    __metadata("design:type", Number)
], ListAppealsQuery.prototype, "limit", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(500),
    __metadata("design:type", String)
], ListAppealsQuery.prototype, "cursor", void 0);
//# sourceMappingURL=list-appeals.query.js.map