"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var ConfigModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigModule = exports.APP_CONFIG = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("./app-config");
exports.APP_CONFIG = Symbol('APP_CONFIG');
let ConfigModule = ConfigModule_1 = class ConfigModule {
    /** The launcher resolves the infrastructure URLs first, then hands the final config in. */
    static forRoot(config = (0, app_config_1.loadConfig)()) {
        return {
            module: ConfigModule_1,
            providers: [{ provide: exports.APP_CONFIG, useValue: config }],
            exports: [exports.APP_CONFIG],
        };
    }
};
exports.ConfigModule = ConfigModule;
exports.ConfigModule = ConfigModule = ConfigModule_1 = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({})
], ConfigModule);
//# sourceMappingURL=config.module.js.map