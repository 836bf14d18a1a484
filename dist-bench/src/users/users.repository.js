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
exports.UsersRepository = void 0;
const common_1 = require("@nestjs/common");
const db_1 = require("../platform/database/db");
const COLUMNS = `id, email, full_name AS "fullName", role, agency_id AS "agencyId", password_hash AS "passwordHash"`;
let UsersRepository = class UsersRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async findByEmail(email) {
        const [row] = await this.db.query(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [email]);
        return row;
    }
    async findById(id) {
        const [row] = await this.db.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
        return row;
    }
    /** Returns undefined when the e-mail is taken. */
    async insert(executor, user) {
        const [row] = await executor.query(`INSERT INTO users (email, full_name, role, agency_id, password_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`, [user.email, user.fullName, user.role, user.agencyId, user.passwordHash]);
        return row;
    }
    async listStaffOfAgencies(agencyIds, roles) {
        return this.db.query(`SELECT ${COLUMNS} FROM users WHERE agency_id = ANY($1::uuid[]) AND role = ANY($2::text[]) ORDER BY email`, [agencyIds, roles]);
    }
};
exports.UsersRepository = UsersRepository;
exports.UsersRepository = UsersRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [db_1.Db])
], UsersRepository);
//# sourceMappingURL=users.repository.js.map