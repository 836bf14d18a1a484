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
exports.AuthService = void 0;
const common_1 = require("@nestjs/common");
const jwt_1 = require("@nestjs/jwt");
const config_module_1 = require("../platform/config/config.module");
const domain_error_1 = require("../platform/errors/domain-error");
const users_service_1 = require("../users/users.service");
const login_rate_limiter_1 = require("./login-rate-limiter");
let AuthService = class AuthService {
    users;
    jwt;
    limiter;
    config;
    constructor(users, jwt, limiter, config) {
        this.users = users;
        this.jwt = jwt;
        this.limiter = limiter;
        this.config = config;
    }
    /** Self-registration always makes a citizen; staff accounts are created by an admin. */
    register(input) {
        return this.users.create(null, { ...input, role: 'citizen' });
    }
    async login(input, clientIp) {
        await this.limiter.hit(input.email, clientIp);
        const user = await this.users.verifyCredentials(input.email, input.password);
        if (!user)
            throw new domain_error_1.DomainError('INVALID_CREDENTIALS', 'The e-mail or password is wrong.');
        const accessToken = await this.jwt.signAsync({ role: user.role, agencyId: user.agencyId }, { subject: user.id, expiresIn: this.config.jwtTtlSeconds });
        return { accessToken, expiresIn: this.config.jwtTtlSeconds };
    }
};
exports.AuthService = AuthService;
exports.AuthService = AuthService = __decorate([
    (0, common_1.Injectable)(),
    __param(3, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [users_service_1.UsersService,
        jwt_1.JwtService,
        login_rate_limiter_1.LoginRateLimiter, Object])
], AuthService);
//# sourceMappingURL=auth.service.js.map