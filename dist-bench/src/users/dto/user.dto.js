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
exports.AccessTokenDto = exports.UserDto = exports.LoginDto = exports.CreateUserDto = exports.RegisterCitizenDto = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const actor_1 = require("../../auth/actor");
const trim = ({ value }) => (typeof value === 'string' ? value.trim() : value);
const lowerTrim = ({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
class RegisterCitizenDto {
    email;
    /** 10 to 128 characters. */
    password;
    /** Name, patronymic and surname (Art. 6.3). */
    fullName;
}
exports.RegisterCitizenDto = RegisterCitizenDto;
__decorate([
    (0, class_transformer_1.Transform)(lowerTrim),
    (0, class_validator_1.IsEmail)({}, { message: 'email must be a valid e-mail address' }),
    (0, class_validator_1.MaxLength)(254),
    __metadata("design:type", String)
], RegisterCitizenDto.prototype, "email", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(10, 128),
    __metadata("design:type", String)
], RegisterCitizenDto.prototype, "password", void 0);
__decorate([
    (0, class_transformer_1.Transform)(trim),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(2, 200),
    __metadata("design:type", String)
], RegisterCitizenDto.prototype, "fullName", void 0);
class CreateUserDto extends RegisterCitizenDto {
    role;
    /** Required for registrar, official and supervisor. */
    agencyId;
}
exports.CreateUserDto = CreateUserDto;
__decorate([
    (0, class_validator_1.IsIn)(actor_1.ROLES),
    __metadata("design:type", String)
], CreateUserDto.prototype, "role", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], CreateUserDto.prototype, "agencyId", void 0);
class LoginDto {
    email;
    password;
}
exports.LoginDto = LoginDto;
__decorate([
    (0, class_transformer_1.Transform)(lowerTrim),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(254),
    __metadata("design:type", String)
], LoginDto.prototype, "email", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(128),
    __metadata("design:type", String)
], LoginDto.prototype, "password", void 0);
class UserDto {
    id;
    email;
    fullName;
    role;
    agencyId;
}
exports.UserDto = UserDto;
class AccessTokenDto {
    accessToken;
    /** Seconds. */
    expiresIn;
}
exports.AccessTokenDto = AccessTokenDto;
//# sourceMappingURL=user.dto.js.map