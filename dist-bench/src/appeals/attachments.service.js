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
exports.AttachmentsService = exports.MAX_ATTACHMENTS_PER_APPEAL = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const config_module_1 = require("../platform/config/config.module");
const clock_1 = require("../platform/clock/clock");
const db_1 = require("../platform/database/db");
const domain_error_1 = require("../platform/errors/domain-error");
const appeal_events_repository_1 = require("./appeal-events.repository");
const appeal_presenter_1 = require("./appeal.presenter");
const appeals_repository_1 = require("./appeals.repository");
const appeals_service_1 = require("./appeals.service");
const attachments_repository_1 = require("./attachments.repository");
const access_policy_1 = require("./domain/access-policy");
const file_signature_1 = require("./domain/file-signature");
exports.MAX_ATTACHMENTS_PER_APPEAL = 20;
/** Scanned documents of an appeal (appeals-rules.md 3, 16): stored with their SHA-256. */
let AttachmentsService = class AttachmentsService {
    appealsService;
    appeals;
    attachments;
    events;
    db;
    clock;
    config;
    constructor(appealsService, appeals, attachments, events, db, clock, config) {
        this.appealsService = appealsService;
        this.appeals = appeals;
        this.attachments = attachments;
        this.events = events;
        this.db = db;
        this.clock = clock;
        this.config = config;
    }
    async add(actor, appealId, files) {
        const appeal = await this.appealsService.loadVisible(actor, appealId);
        if (!(0, access_policy_1.canSeeIdentity)(actor, appeal))
            throw new domain_error_1.NotFoundError('APPEAL_NOT_FOUND', 'The appeal');
        if (files.length === 0)
            throw domain_error_1.DomainError.field('VALIDATION_FAILED', 'file', 'Send at least one file in the "file" field.');
        const checked = files.map((file, index) => {
            const type = (0, file_signature_1.sniffAttachmentType)(file.content);
            if (!type || (file.declaredType !== type && file.declaredType !== 'application/octet-stream')) {
                throw domain_error_1.DomainError.field('ATTACHMENT_TYPE_NOT_ALLOWED', `file.${index}`, 'Only PDF, JPEG and PNG documents are accepted, and the content must be of the declared type.');
            }
            if (file.content.length === 0 || file.content.length > this.config.attachmentMaxBytes) {
                throw domain_error_1.DomainError.field('ATTACHMENT_TOO_LARGE', `file.${index}`, `Each file may be at most ${this.config.attachmentMaxBytes} bytes.`);
            }
            return { ...file, type, sha256: (0, node_crypto_1.createHash)('sha256').update(file.content).digest('hex') };
        });
        return this.db.transaction(async (tx) => {
            // The row lock serialises uploads to one appeal, so the limits below cannot be raced past.
            await this.appeals.lockForUpdate(tx, appealId);
            const usage = await this.attachments.usage(tx, appealId);
            const bytes = checked.reduce((sum, file) => sum + file.content.length, usage.bytes);
            if (usage.count + checked.length > exports.MAX_ATTACHMENTS_PER_APPEAL) {
                throw domain_error_1.DomainError.field('ATTACHMENT_LIMIT_REACHED', 'file', `An appeal may have at most ${exports.MAX_ATTACHMENTS_PER_APPEAL} attachments.`);
            }
            if (bytes > this.config.attachmentsPerAppealMaxBytes) {
                throw domain_error_1.DomainError.field('ATTACHMENT_TOO_LARGE', 'file', `An appeal's attachments may total at most ${this.config.attachmentsPerAppealMaxBytes} bytes.`);
            }
            const stored = [];
            for (const file of checked) {
                const meta = await this.attachments.insert(tx, {
                    appealId,
                    fileName: (0, file_signature_1.safeFileName)(file.fileName),
                    contentType: file.type,
                    sha256: file.sha256,
                    content: file.content,
                    uploadedBy: actor.id,
                });
                await this.events.append(tx, appealId, {
                    type: 'attachment_added',
                    actorId: actor.id,
                    actorRole: actor.role,
                    occurredAt: this.clock.now(),
                    data: { attachmentId: meta.id, sha256: meta.sha256, sizeBytes: meta.sizeBytes, contentType: meta.contentType },
                });
                stored.push(meta);
            }
            return stored.map(appeal_presenter_1.toAttachmentView);
        });
    }
    async download(actor, appealId, attachmentId) {
        const appeal = await this.appealsService.loadVisible(actor, appealId);
        // Confidential attachments are hidden like the identity (appeals-rules.md 16).
        if (!(0, access_policy_1.canSeeIdentity)(actor, appeal))
            throw new domain_error_1.NotFoundError('ATTACHMENT_NOT_FOUND', 'The attachment');
        const found = await this.attachments.findContent(appealId, attachmentId);
        if (!found)
            throw new domain_error_1.NotFoundError('ATTACHMENT_NOT_FOUND', 'The attachment');
        return found;
    }
};
exports.AttachmentsService = AttachmentsService;
exports.AttachmentsService = AttachmentsService = __decorate([
    (0, common_1.Injectable)(),
    __param(6, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [appeals_service_1.AppealsService,
        appeals_repository_1.AppealsRepository,
        attachments_repository_1.AttachmentsRepository,
        appeal_events_repository_1.AppealEventsRepository,
        db_1.Db,
        clock_1.Clock, Object])
], AttachmentsService);
//# sourceMappingURL=attachments.service.js.map