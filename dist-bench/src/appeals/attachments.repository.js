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
exports.AttachmentsRepository = void 0;
const common_1 = require("@nestjs/common");
const db_1 = require("../platform/database/db");
const META_COLUMNS = `id, file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"`;
let AttachmentsRepository = class AttachmentsRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async listMeta(appealId) {
        return this.db.query(`SELECT ${META_COLUMNS} FROM appeal_attachments WHERE appeal_id = $1 ORDER BY uploaded_at, id`, [appealId]);
    }
    async usage(tx, appealId) {
        const [row] = await tx.query(`SELECT count(*)::int AS count, coalesce(sum(size_bytes), 0)::int AS bytes FROM appeal_attachments WHERE appeal_id = $1`, [appealId]);
        return row;
    }
    async insert(tx, file) {
        const [row] = await tx.query(`INSERT INTO appeal_attachments (appeal_id, file_name, content_type, size_bytes, sha256, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${META_COLUMNS}`, [file.appealId, file.fileName, file.contentType, file.content.length, file.sha256, file.content, file.uploadedBy]);
        return row;
    }
    async findContent(appealId, attachmentId) {
        const [row] = await this.db.query(`SELECT ${META_COLUMNS}, content FROM appeal_attachments WHERE appeal_id = $1 AND id = $2`, [appealId, attachmentId]);
        return row;
    }
};
exports.AttachmentsRepository = AttachmentsRepository;
exports.AttachmentsRepository = AttachmentsRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [db_1.Db])
], AttachmentsRepository);
//# sourceMappingURL=attachments.repository.js.map