"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const jwt_1 = require("@nestjs/jwt");
const agencies_module_1 = require("../agencies/agencies.module");
const config_module_1 = require("../platform/config/config.module");
const users_repository_1 = require("../users/users.repository");
const users_service_1 = require("../users/users.service");
const auth_controller_1 = require("./auth.controller");
const auth_guard_1 = require("./auth.guard");
const auth_service_1 = require("./auth.service");
const login_rate_limiter_1 = require("./login-rate-limiter");
let AuthModule = class AuthModule {
};
exports.AuthModule = AuthModule;
exports.AuthModule = AuthModule = __decorate([
    (0, common_1.Module)({
        imports: [
            agencies_module_1.AgenciesModule,
            jwt_1.JwtModule.registerAsync({
                inject: [config_module_1.APP_CONFIG],
                useFactory: (config) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
            }),
        ],
        controllers: [auth_controller_1.AuthController],
        providers: [auth_service_1.AuthService, users_service_1.UsersService, users_repository_1.UsersRepository, login_rate_limiter_1.LoginRateLimiter, { provide: core_1.APP_GUARD, useClass: auth_guard_1.AuthGuard }],
        exports: [users_service_1.UsersService, users_repository_1.UsersRepository],
    })
], AuthModule);
//# sourceMappingURL=auth.module.js.map