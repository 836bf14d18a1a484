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
exports.AgencyListDto = exports.AgencyDto = exports.CreateAgencyDto = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const trim = ({ value }) => (typeof value === 'string' ? value.trim() : value);
class CreateAgencyDto {
    /** Short stable code, e.g. "MTAX". */
    code;
    name;
    nameEn;
    parentId;
}
exports.CreateAgencyDto = CreateAgencyDto;
__decorate([
    (0, class_transformer_1.Transform)(trim),
    (0, class_validator_1.Matches)(/^[A-Z0-9][A-Z0-9\-]{1,39}$/, { message: 'code must be 2-40 capital letters, digits or dashes' }),
    __metadata("design:type", String)
], CreateAgencyDto.prototype, "code", void 0);
__decorate([
    (0, class_transformer_1.Transform)(trim),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(2, 300),
    __metadata("design:type", String)
], CreateAgencyDto.prototype, "name", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(trim),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(2, 300),
    __metadata("design:type", String)
], CreateAgencyDto.prototype, "nameEn", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], CreateAgencyDto.prototype, "parentId", void 0);
class AgencyDto {
    id;
    code;
    name;
    nameEn;
    parentId;
}
exports.AgencyDto = AgencyDto;
class AgencyListDto {
    items;
}
exports.AgencyListDto = AgencyListDto;
//# sourceMappingURL=agency.dto.js.map