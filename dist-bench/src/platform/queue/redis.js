"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createRedis = createRedis;
const ioredis_1 = __importDefault(require("ioredis"));
/** BullMQ workers need `maxRetriesPerRequest: null` (blocking commands must not time out). */
function createRedis(url, purpose) {
    const options = {
        lazyConnect: false,
        enableReadyCheck: true,
        maxRetriesPerRequest: purpose === 'worker' ? null : 3,
        connectionName: `e-muraciet-${purpose}`,
    };
    return new ioredis_1.default(url, options);
}
//# sourceMappingURL=redis.js.map