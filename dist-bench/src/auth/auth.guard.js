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
exports.AuthGuard = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const jwt_1 = require("@nestjs/jwt");
const domain_error_1 = require("../platform/errors/domain-error");
const actor_1 = require("./actor");
const auth_decorators_1 = require("./auth.decorators");
/** Global guard: a valid bearer token on every route not marked @Public(), then the role check. */
let AuthGuard = class AuthGuard {
    reflector;
    jwt;
    constructor(reflector, jwt) {
        this.reflector = reflector;
        this.jwt = jwt;
    }
    canActivate(context) {
        const targets = [context.getHandler(), context.getClass()];
        if (this.reflector.getAllAndOverride(auth_decorators_1.PUBLIC_KEY, targets))
            return true;
        const request = context.switchToHttp().getRequest();
        const header = request.headers.authorization;
        if (!header?.startsWith('Bearer ')) {
            throw new domain_error_1.DomainError('UNAUTHENTICATED', 'A bearer access token is required.');
        }
        let claims;
        try {
            claims = this.jwt.verify(header.slice(7));
        }
        catch {
            throw new domain_error_1.DomainError('UNAUTHENTICATED', 'The access token is invalid or expired.');
        }
        if (!actor_1.ROLES.includes(claims.role))
            throw new domain_error_1.DomainError('UNAUTHENTICATED', 'The access token is invalid.');
        const actor = { id: claims.sub, role: claims.role, agencyId: claims.agencyId ?? null };
        request.actor = actor;
        const allowed = this.reflector.getAllAndOverride(auth_decorators_1.ROLES_KEY, targets);
        if (allowed && !allowed.includes(actor.role)) {
            throw new domain_error_1.DomainError('FORBIDDEN', 'Your role may not do this.');
        }
        return true;
    }
};
exports.AuthGuard = AuthGuard;
exports.AuthGuard = AuthGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector,
        jwt_1.JwtService])
], AuthGuard);
//# sourceMappingURL=auth.guard.js.map