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
exports.MailSendHandler = exports.MAIL_TOPIC = void 0;
const common_1 = require("@nestjs/common");
const config_module_1 = require("../platform/config/config.module");
const outbox_handler_registry_1 = require("../platform/outbox/outbox-handler.registry");
const mail_adapter_1 = require("./mail.adapter");
exports.MAIL_TOPIC = 'mail.send';
/** Sends one mail outbox row; the outbox processor guarantees it runs once per row. */
let MailSendHandler = class MailSendHandler {
    registry;
    mail;
    config;
    constructor(registry, mail, config) {
        this.registry = registry;
        this.mail = mail;
        this.config = config;
    }
    onModuleInit() {
        this.registry.register(exports.MAIL_TOPIC, this);
    }
    async handle(payload, context) {
        const mail = payload;
        const host = new URL(this.config.publicUrl).hostname || 'e-muraciet.local';
        await this.mail.send({ ...mail, messageId: `<outbox-${context.outboxId}@${host}>` });
    }
};
exports.MailSendHandler = MailSendHandler;
exports.MailSendHandler = MailSendHandler = __decorate([
    (0, common_1.Injectable)(),
    __param(2, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [outbox_handler_registry_1.OutboxHandlerRegistry,
        mail_adapter_1.MailAdapter, Object])
], MailSendHandler);
//# sourceMappingURL=mail-send.handler.js.map