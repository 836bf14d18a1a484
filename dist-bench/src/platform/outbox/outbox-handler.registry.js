"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboxHandlerRegistry = void 0;
const common_1 = require("@nestjs/common");
/** Topic -> handler; feature modules register their handlers at init. */
let OutboxHandlerRegistry = class OutboxHandlerRegistry {
    handlers = new Map();
    register(topic, handler) {
        if (this.handlers.has(topic))
            throw new Error(`outbox topic ${topic} has two handlers`);
        this.handlers.set(topic, handler);
    }
    get(topic) {
        return this.handlers.get(topic);
    }
};
exports.OutboxHandlerRegistry = OutboxHandlerRegistry;
exports.OutboxHandlerRegistry = OutboxHandlerRegistry = __decorate([
    (0, common_1.Injectable)()
], OutboxHandlerRegistry);
//# sourceMappingURL=outbox-handler.registry.js.map