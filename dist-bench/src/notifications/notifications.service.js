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
exports.NotificationsService = void 0;
const common_1 = require("@nestjs/common");
const config_module_1 = require("../platform/config/config.module");
const outbox_service_1 = require("../platform/outbox/outbox.service");
const mail_send_handler_1 = require("./mail-send.handler");
const appeal_registered_1 = require("./templates/appeal-registered");
/**
 * Notices to applicants and staff. Each is an outbox row written in the caller's transaction;
 * the dedupe key names the business event, so it can never be sent twice.
 */
let NotificationsService = class NotificationsService {
    outbox;
    config;
    constructor(outbox, config) {
        this.outbox = outbox;
        this.config = config;
    }
    appealLink(appealId) {
        return `${this.config.publicUrl}/my/appeals/${appealId}`;
    }
    async appealRegistered(tx, appealId, to, mail) {
        const rendered = (0, appeal_registered_1.renderAppealRegistered)({ ...mail, link: this.appealLink(appealId) });
        const payload = { to, ...rendered };
        await this.outbox.write(tx, [{ topic: mail_send_handler_1.MAIL_TOPIC, dedupeKey: `mail:appeal-registered:${appealId}`, payload }]);
    }
};
exports.NotificationsService = NotificationsService;
exports.NotificationsService = NotificationsService = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [outbox_service_1.OutboxService, Object])
], NotificationsService);
//# sourceMappingURL=notifications.service.js.map