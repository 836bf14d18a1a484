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
exports.CreateAppealDto = exports.RepresentativeDto = exports.PartyDto = exports.LIMITS = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const validators_1 = require("../../platform/http/validators");
const appeal_types_1 = require("../domain/appeal-types");
/** Size limits keep one appeal bounded (DEVELOPERS.md "Security": limit sizes). */
exports.LIMITS = {
    subject: 300,
    text: 20_000,
    name: 200,
    organisation: 300,
    address: 500,
    phone: 40,
    coApplicants: 100,
    respondentOfficial: 300,
    authorityDocument: 500,
};
class PartyDto {
    kind;
    /** Name, patronymic and surname of a natural person (Art. 6.3). */
    fullName;
    /** Name of a legal person (Art. 6.3). */
    organisationName;
    /** Residence or workplace; legal address for a legal person. */
    address;
    email;
    phone;
}
exports.PartyDto = PartyDto;
__decorate([
    (0, class_validator_1.IsIn)(appeal_types_1.PARTY_KINDS),
    __metadata("design:type", String)
], PartyDto.prototype, "kind", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.TrimToUndefined)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(exports.LIMITS.name),
    __metadata("design:type", String)
], PartyDto.prototype, "fullName", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.TrimToUndefined)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(exports.LIMITS.organisation),
    __metadata("design:type", String)
], PartyDto.prototype, "organisationName", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.TrimToUndefined)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(exports.LIMITS.address),
    __metadata("design:type", String)
], PartyDto.prototype, "address", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.TrimToUndefined)(),
    (0, class_validator_1.IsEmail)({}, { message: 'email must be a valid e-mail address' }),
    (0, class_validator_1.MaxLength)(254),
    __metadata("design:type", String)
], PartyDto.prototype, "email", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.TrimToUndefined)(),
    (0, class_validator_1.Matches)(/^\+?[0-9 ()\-]{5,40}$/, { message: 'phone must be digits, spaces, brackets or dashes' }),
    (0, class_validator_1.MaxLength)(exports.LIMITS.phone),
    __metadata("design:type", String)
], PartyDto.prototype, "phone", void 0);
/** Art. 6.2 / appeals-rules.md 1: a representative states name, address and proof of authority. */
class RepresentativeDto {
    fullName;
    address;
    /** The power of attorney or other proof (its number and date; the scan goes in as an attachment). */
    authorityDocument;
}
exports.RepresentativeDto = RepresentativeDto;
__decorate([
    (0, validators_1.TrimToUndefined)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(exports.LIMITS.name),
    __metadata("design:type", String)
], RepresentativeDto.prototype, "fullName", void 0);
__decorate([
    (0, validators_1.TrimToUndefined)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(exports.LIMITS.address),
    __metadata("design:type", String)
], RepresentativeDto.prototype, "address", void 0);
__decorate([
    (0, validators_1.TrimToUndefined)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(exports.LIMITS.authorityDocument),
    __metadata("design:type", String)
], RepresentativeDto.prototype, "authorityDocument", void 0);
class CreateAppealDto {
    type;
    /** The addressee agency (Art. 6.3). */
    agencyId;
    subject;
    text;
    applicant;
    /** A collective appeal: two or more applicants. */
    coApplicants;
    representative;
    /** A complaint's agency complained about (Administrative Offences Code 594-1.1.2). */
    respondentAgencyId;
    respondentOfficial;
    channel;
    /** Receipt date for appeals registered by staff (deadlines run from it); not in the future. */
    receivedOn;
    regime;
    confidential;
}
exports.CreateAppealDto = CreateAppealDto;
__decorate([
    (0, class_validator_1.IsIn)(appeal_types_1.APPEAL_TYPES),
    __metadata("design:type", String)
], CreateAppealDto.prototype, "type", void 0);
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], CreateAppealDto.prototype, "agencyId", void 0);
__decorate([
    (0, validators_1.TrimToUndefined)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(3, exports.LIMITS.subject),
    __metadata("design:type", String)
], CreateAppealDto.prototype, "subject", void 0);
__decorate([
    (0, validators_1.TrimToUndefined)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(10, exports.LIMITS.text),
    __metadata("design:type", String)
], CreateAppealDto.prototype, "text", void 0);
__decorate([
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => PartyDto),
    __metadata("design:type", PartyDto)
], CreateAppealDto.prototype, "applicant", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMaxSize)(exports.LIMITS.coApplicants),
    (0, class_validator_1.ValidateNested)({ each: true }),
    (0, class_transformer_1.Type)(() => PartyDto),
    __metadata("design:type", Array)
], CreateAppealDto.prototype, "coApplicants", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => RepresentativeDto),
    __metadata("design:type", RepresentativeDto)
], CreateAppealDto.prototype, "representative", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], CreateAppealDto.prototype, "respondentAgencyId", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.TrimToUndefined)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(exports.LIMITS.respondentOfficial),
    __metadata("design:type", String)
], CreateAppealDto.prototype, "respondentOfficial", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(appeal_types_1.CHANNELS),
    __metadata("design:type", String)
], CreateAppealDto.prototype, "channel", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, validators_1.IsDateOnly)(),
    __metadata("design:type", String)
], CreateAppealDto.prototype, "receivedOn", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(appeal_types_1.REGIMES),
    __metadata("design:type", String)
], CreateAppealDto.prototype, "regime", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], CreateAppealDto.prototype, "confidential", void 0);
//# sourceMappingURL=create-appeal.dto.js.map