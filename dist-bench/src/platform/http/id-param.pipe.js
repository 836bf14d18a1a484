"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.IdParamPipe = void 0;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../errors/domain-error");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A path id that is not a UUID cannot name anything: 404, like any unknown id (API.md). */
let IdParamPipe = class IdParamPipe {
    transform(value) {
        if (!UUID.test(value))
            throw new domain_error_1.NotFoundError();
        return value.toLowerCase();
    }
};
exports.IdParamPipe = IdParamPipe;
exports.IdParamPipe = IdParamPipe = __decorate([
    (0, common_1.Injectable)()
], IdParamPipe);
//# sourceMappingURL=id-param.pipe.js.map