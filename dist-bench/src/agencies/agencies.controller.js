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
exports.AgenciesController = void 0;
const common_1 = require("@nestjs/common");
const id_param_pipe_1 = require("../platform/http/id-param.pipe");
const swagger_1 = require("@nestjs/swagger");
const auth_decorators_1 = require("../auth/auth.decorators");
const agencies_service_1 = require("./agencies.service");
const agency_dto_1 = require("./dto/agency.dto");
let AgenciesController = class AgenciesController {
    agencies;
    constructor(agencies) {
        this.agencies = agencies;
    }
    async list() {
        return { items: await this.agencies.list() };
    }
    get(id) {
        return this.agencies.get(id);
    }
    create(actor, body) {
        return this.agencies.create(actor, body);
    }
};
exports.AgenciesController = AgenciesController;
__decorate([
    (0, auth_decorators_1.Public)(),
    (0, common_1.Get)(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], AgenciesController.prototype, "list", null);
__decorate([
    (0, auth_decorators_1.Public)(),
    (0, common_1.Get)(':id'),
    __param(0, (0, common_1.Param)('id', id_param_pipe_1.IdParamPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], AgenciesController.prototype, "get", null);
__decorate([
    (0, swagger_1.ApiBearerAuth)(),
    (0, auth_decorators_1.Roles)('admin'),
    (0, common_1.Post)(),
    (0, common_1.HttpCode)(201),
    __param(0, (0, auth_decorators_1.CurrentActor)()),
    __param(1, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, agency_dto_1.CreateAgencyDto]),
    __metadata("design:returntype", Promise)
], AgenciesController.prototype, "create", null);
exports.AgenciesController = AgenciesController = __decorate([
    (0, swagger_1.ApiTags)('agencies'),
    (0, common_1.Controller)('api/v1/agencies'),
    __metadata("design:paramtypes", [agencies_service_1.AgenciesService])
], AgenciesController);
//# sourceMappingURL=agencies.controller.js.map