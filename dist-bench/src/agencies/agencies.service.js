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
exports.AgenciesService = exports.AGENCY_SEED_FILE = void 0;
const common_1 = require("@nestjs/common");
const node_fs_1 = require("node:fs");
const paths_1 = require("../platform/config/paths");
const audit_log_1 = require("../platform/audit/audit-log");
const db_1 = require("../platform/database/db");
const domain_error_1 = require("../platform/errors/domain-error");
const agencies_repository_1 = require("./agencies.repository");
const agency_tree_1 = require("./domain/agency-tree");
/** Other replicas may add agencies; a cached tree older than this is reloaded on a miss. */
const TREE_MAX_AGE_MS = 30_000;
exports.AGENCY_SEED_FILE = (0, paths_1.configPath)('agencies.json');
let AgenciesService = class AgenciesService {
    agencies;
    db;
    tree = new agency_tree_1.AgencyTree([]);
    loadedAt = 0;
    constructor(agencies, db) {
        this.agencies = agencies;
        this.db = db;
    }
    /** Reference data is loaded at every start: an idempotent upsert, cheap for a few hundred rows. */
    async onModuleInit() {
        await this.seedReferenceData();
    }
    /** Loads config/agencies.json idempotently (upsert by code). */
    async seedReferenceData(file = exports.AGENCY_SEED_FILE) {
        const parsed = JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8'));
        await this.agencies.upsertSeed(parsed.agencies.map((a) => ({ ...a, nameEn: a.nameEn ?? null })));
        await this.reload();
    }
    async list() {
        return [...(await this.current()).nodes];
    }
    async get(id) {
        const agency = await this.find(id);
        if (!agency)
            throw new domain_error_1.NotFoundError('AGENCY_NOT_FOUND', 'The agency');
        return agency;
    }
    async exists(id) {
        return (await this.find(id)) !== undefined;
    }
    /** The agency and all below it: what a supervisor of `id` oversees. */
    async subtree(id) {
        await this.find(id);
        return this.tree.subtree(id);
    }
    async create(actor, input) {
        if (input.parentId && !(await this.exists(input.parentId))) {
            throw domain_error_1.DomainError.field('VALIDATION_FAILED', 'parentId', 'No such parent agency.');
        }
        const created = await this.db.transaction(async (tx) => {
            const row = await this.agencies.insert(tx, {
                code: input.code,
                name: input.name,
                nameEn: input.nameEn ?? null,
                parentId: input.parentId ?? null,
            });
            if (!row)
                throw domain_error_1.DomainError.field('AGENCY_CODE_TAKEN', 'code', 'An agency with this code already exists.');
            await (0, audit_log_1.recordAdminAction)(tx, {
                actorId: actor.id,
                action: 'agency.created',
                subjectType: 'agency',
                subjectId: row.id,
                data: { code: row.code, parentId: row.parentId },
            });
            return row;
        });
        await this.reload();
        return created;
    }
    async find(id) {
        const tree = await this.current();
        const found = tree.get(id);
        if (found || Date.now() - this.loadedAt < 1_000)
            return found;
        // A miss may be an agency another replica just created.
        await this.reload();
        return this.tree.get(id);
    }
    async current() {
        if (Date.now() - this.loadedAt > TREE_MAX_AGE_MS)
            await this.reload();
        return this.tree;
    }
    async reload() {
        this.tree = new agency_tree_1.AgencyTree(await this.agencies.listAll());
        this.loadedAt = Date.now();
    }
};
exports.AgenciesService = AgenciesService;
exports.AgenciesService = AgenciesService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [agencies_repository_1.AgenciesRepository,
        db_1.Db])
], AgenciesService);
//# sourceMappingURL=agencies.service.js.map