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
exports.AppealsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const auth_decorators_1 = require("../auth/auth.decorators");
const domain_error_1 = require("../platform/errors/domain-error");
const id_param_pipe_1 = require("../platform/http/id-param.pipe");
const appeals_service_1 = require("./appeals.service");
const attachments_service_1 = require("./attachments.service");
const create_appeal_dto_1 = require("./dto/create-appeal.dto");
const list_appeals_query_1 = require("./dto/list-appeals.query");
let AppealsController = class AppealsController {
    appeals;
    attachments;
    constructor(appeals, attachments) {
        this.appeals = appeals;
        this.attachments = attachments;
    }
    async submit(actor, body, idempotencyKey, reply) {
        const result = await this.appeals.submit(actor, body, idempotencyKey);
        void reply.status(result.statusCode);
        if (result.replayed)
            void reply.header('idempotent-replayed', 'true');
        return result.body;
    }
    list(actor, query) {
        return this.appeals.list(actor, query);
    }
    get(actor, id) {
        return this.appeals.get(actor, id);
    }
    events(actor, id) {
        return this.appeals.listEvents(actor, id);
    }
    /** multipart/form-data with one or more parts named "file" (PDF, JPEG or PNG). */
    async upload(actor, id, request) {
        if (!request.isMultipart()) {
            throw new domain_error_1.DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the documents as multipart/form-data.');
        }
        const files = [];
        for await (const part of request.files({ limits: { files: attachments_service_1.MAX_ATTACHMENTS_PER_APPEAL } })) {
            const content = await part.toBuffer();
            if (part.file.truncated)
                throw new domain_error_1.DomainError('ATTACHMENT_TOO_LARGE', 'A file is larger than allowed.');
            files.push({ fileName: part.filename, declaredType: part.mimetype, content });
        }
        return { items: await this.attachments.add(actor, id, files) };
    }
    async download(actor, id, attachmentId, reply) {
        const file = await this.attachments.download(actor, id, attachmentId);
        await reply
            .header('content-type', file.contentType)
            .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
            .header('x-content-type-options', 'nosniff')
            .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
            .send(file.content);
    }
};
exports.AppealsController = AppealsController;
__decorate([
    (0, common_1.Post)(),
    (0, auth_decorators_1.Roles)('citizen', 'registrar', 'official'),
    (0, swagger_1.ApiHeader)({ name: 'Idempotency-Key', required: false, description: 'Same key and body within 24 h returns the first response.' }),
    __param(0, (0, auth_decorators_1.CurrentActor)()),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, common_1.Headers)('idempotency-key')),
    __param(3, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, create_appeal_dto_1.CreateAppealDto, Object, Object]),
    __metadata("design:returntype", Promise)
], AppealsController.prototype, "submit", null);
__decorate([
    (0, common_1.Get)(),
    __param(0, (0, auth_decorators_1.CurrentActor)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, list_appeals_query_1.ListAppealsQuery]),
    __metadata("design:returntype", Promise)
], AppealsController.prototype, "list", null);
__decorate([
    (0, common_1.Get)(':id'),
    __param(0, (0, auth_decorators_1.CurrentActor)()),
    __param(1, (0, common_1.Param)('id', id_param_pipe_1.IdParamPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], AppealsController.prototype, "get", null);
__decorate([
    (0, common_1.Get)(':id/events'),
    __param(0, (0, auth_decorators_1.CurrentActor)()),
    __param(1, (0, common_1.Param)('id', id_param_pipe_1.IdParamPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], AppealsController.prototype, "events", null);
__decorate([
    (0, common_1.Post)(':id/attachments'),
    (0, common_1.HttpCode)(201),
    (0, swagger_1.ApiConsumes)('multipart/form-data'),
    __param(0, (0, auth_decorators_1.CurrentActor)()),
    __param(1, (0, common_1.Param)('id', id_param_pipe_1.IdParamPipe)),
    __param(2, (0, common_1.Req)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", Promise)
], AppealsController.prototype, "upload", null);
__decorate([
    (0, common_1.Get)(':id/attachments/:attachmentId'),
    __param(0, (0, auth_decorators_1.CurrentActor)()),
    __param(1, (0, common_1.Param)('id', id_param_pipe_1.IdParamPipe)),
    __param(2, (0, common_1.Param)('attachmentId', id_param_pipe_1.IdParamPipe)),
    __param(3, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, String, Object]),
    __metadata("design:returntype", Promise)
], AppealsController.prototype, "download", null);
exports.AppealsController = AppealsController = __decorate([
    (0, swagger_1.ApiTags)('appeals'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, common_1.Controller)('api/v1/appeals'),
    __metadata("design:paramtypes", [appeals_service_1.AppealsService,
        attachments_service_1.AttachmentsService])
], AppealsController);
//# sourceMappingURL=appeals.controller.js.map