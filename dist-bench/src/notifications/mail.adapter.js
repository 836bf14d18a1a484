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
var MailAdapter_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.MailAdapter = void 0;
exports.maskAddress = maskAddress;
const common_1 = require("@nestjs/common");
const nodemailer_1 = require("nodemailer");
const config_module_1 = require("../platform/config/config.module");
/**
 * The only file that imports nodemailer (STYLE.md "E-mail"). Without SMTP_URL, mail is printed to
 * standard output for development, with the recipient masked.
 */
let MailAdapter = MailAdapter_1 = class MailAdapter {
    config;
    logger = new common_1.Logger(MailAdapter_1.name);
    transport;
    constructor(config) {
        this.config = config;
        this.transport = config.smtpUrl
            ? (0, nodemailer_1.createTransport)({ url: config.smtpUrl, pool: true, maxConnections: 4, connectionTimeout: 10_000, socketTimeout: 20_000 })
            : undefined;
    }
    async send(message) {
        if (!this.transport) {
            // Development aid only: quiet when the log level asks for quiet (tests, benchmarks).
            if (!['info', 'debug'].includes(this.config.logLevel))
                return;
            process.stdout.write(`--- mail (no SMTP_URL set; printed, not sent) ---\nTo: ${maskAddress(message.to)}\nSubject: ${message.subject}\n\n${message.text}\n--- end of mail ---\n`);
            return;
        }
        await this.transport.sendMail({
            from: this.config.mailFrom,
            to: message.to,
            subject: message.subject,
            text: message.text,
            messageId: message.messageId,
        });
    }
    onApplicationShutdown() {
        this.transport?.close();
    }
};
exports.MailAdapter = MailAdapter;
exports.MailAdapter = MailAdapter = MailAdapter_1 = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object])
], MailAdapter);
function maskAddress(address) {
    const [local, domain] = address.split('@');
    return domain ? `${local.slice(0, 1)}***@${domain}` : '***';
}
//# sourceMappingURL=mail.adapter.js.map