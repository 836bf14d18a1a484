"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var UsersService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsersService = void 0;
exports.toUserDto = toUserDto;
const common_1 = require("@nestjs/common");
const argon2 = __importStar(require("argon2"));
const node_crypto_1 = require("node:crypto");
const agencies_service_1 = require("../agencies/agencies.service");
const actor_1 = require("../auth/actor");
const audit_log_1 = require("../platform/audit/audit-log");
const config_module_1 = require("../platform/config/config.module");
const db_1 = require("../platform/database/db");
const domain_error_1 = require("../platform/errors/domain-error");
const users_repository_1 = require("./users.repository");
let UsersService = UsersService_1 = class UsersService {
    users;
    agencies;
    db;
    config;
    logger = new common_1.Logger(UsersService_1.name);
    /** Verified against when the e-mail is unknown, so response time does not reveal accounts. */
    dummyHash;
    constructor(users, agencies, db, config) {
        this.users = users;
        this.agencies = agencies;
        this.db = db;
        this.config = config;
    }
    /** The first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD, created when absent. */
    async onApplicationBootstrap() {
        if (this.config.role === 'worker')
            return;
        const existing = await this.users.findByEmail(this.config.adminEmail);
        if (existing)
            return;
        await this.create(null, {
            email: this.config.adminEmail,
            password: this.config.adminPassword,
            fullName: 'System administrator',
            role: 'admin',
        }).catch((error) => {
            // Another replica created it at the same moment.
            if (!(error instanceof domain_error_1.DomainError && error.code === 'EMAIL_TAKEN'))
                throw error;
        });
        this.logger.log('first admin account created');
    }
    async create(by, input) {
        const agencyId = input.agencyId ?? null;
        if (actor_1.STAFF_ROLES.includes(input.role)) {
            if (!agencyId)
                throw domain_error_1.DomainError.field('USER_AGENCY_REQUIRED', 'agencyId', 'Staff accounts are bound to an agency.');
            if (!(await this.agencies.exists(agencyId))) {
                throw domain_error_1.DomainError.field('VALIDATION_FAILED', 'agencyId', 'No such agency.');
            }
        }
        else if (agencyId) {
            throw domain_error_1.DomainError.field('VALIDATION_FAILED', 'agencyId', 'Only staff accounts are bound to an agency.');
        }
        const passwordHash = await argon2.hash(input.password, { type: argon2.argon2id });
        const created = await this.db.transaction(async (tx) => {
            const row = await this.users.insert(tx, {
                email: input.email,
                fullName: input.fullName,
                role: input.role,
                agencyId,
                passwordHash,
            });
            if (!row)
                throw domain_error_1.DomainError.field('EMAIL_TAKEN', 'email', 'An account with this e-mail already exists.');
            await (0, audit_log_1.recordAdminAction)(tx, {
                actorId: by?.id ?? null,
                action: by ? 'user.created' : 'user.registered',
                subjectType: 'user',
                subjectId: row.id,
                data: { role: row.role, agencyId: row.agencyId },
            });
            return row;
        });
        return toUserDto(created);
    }
    /** Returns the user when the password matches; constant work either way. */
    async verifyCredentials(email, password) {
        const user = await this.users.findByEmail(email);
        this.dummyHash ??= argon2.hash((0, node_crypto_1.randomBytes)(16).toString('hex'), { type: argon2.argon2id });
        const valid = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), password).catch(() => false);
        return user && valid ? user : undefined;
    }
    async get(id) {
        const user = await this.users.findById(id);
        if (!user)
            throw new domain_error_1.DomainError('UNAUTHENTICATED', 'The account no longer exists.');
        return toUserDto(user);
    }
};
exports.UsersService = UsersService;
exports.UsersService = UsersService = UsersService_1 = __decorate([
    (0, common_1.Injectable)(),
    __param(3, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [users_repository_1.UsersRepository,
        agencies_service_1.AgenciesService,
        db_1.Db, Object])
], UsersService);
function toUserDto(user) {
    return { id: user.id, email: user.email, fullName: user.fullName, role: user.role, agencyId: user.agencyId };
}
//# sourceMappingURL=users.service.js.map