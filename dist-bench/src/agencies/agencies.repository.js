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
exports.AgenciesRepository = void 0;
const common_1 = require("@nestjs/common");
const db_1 = require("../platform/database/db");
let AgenciesRepository = class AgenciesRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async listAll() {
        return this.db.query(`SELECT id, code, name, name_en AS "nameEn", parent_id AS "parentId" FROM agencies ORDER BY code`);
    }
    async insert(executor, agency) {
        const [row] = await executor.query(`INSERT INTO agencies (code, name, name_en, parent_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING
       RETURNING id, code, name, name_en AS "nameEn", parent_id AS "parentId"`, [agency.code, agency.name, agency.nameEn, agency.parentId]);
        return row ?? null;
    }
    /** Reference data: insert or update by code, parents first (the seed lists them first). */
    async upsertSeed(seeds) {
        await this.db.transaction(async (tx) => {
            for (const seed of seeds) {
                await tx.query(`INSERT INTO agencies (code, name, name_en, parent_id)
           VALUES ($1, $2, $3, (SELECT id FROM agencies WHERE code = $4))
           ON CONFLICT (code) DO UPDATE
             SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, parent_id = EXCLUDED.parent_id
           WHERE (agencies.name, agencies.name_en, agencies.parent_id)
                 IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.name_en, EXCLUDED.parent_id)`, [seed.code, seed.name, seed.nameEn, seed.parent]);
            }
        });
    }
};
exports.AgenciesRepository = AgenciesRepository;
exports.AgenciesRepository = AgenciesRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [db_1.Db])
], AgenciesRepository);
//# sourceMappingURL=agencies.repository.js.map