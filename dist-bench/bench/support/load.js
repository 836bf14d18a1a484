"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.runLoad = runLoad;
const autocannon_1 = __importDefault(require("autocannon"));
/**
 * One closed-loop autocannon run: `connections` keep-alive connections, each sending the next
 * request as soon as the previous answer arrives, for `durationSeconds`.
 *
 * The request list holds one prebuilt POST per token, so tokens rotate across requests without a
 * per-request `setupRequest` (which would make autocannon rebuild every request and spend the
 * shared CPU on the load generator instead of the server).
 */
async function runLoad(settings) {
    if (settings.tokens.length === 0)
        throw new Error('no tokens');
    const requests = settings.tokens.map((token) => ({
        method: 'POST',
        path: settings.path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: settings.body,
    }));
    const result = await (0, autocannon_1.default)({
        url: settings.url,
        connections: settings.connections,
        pipelining: 1,
        duration: settings.durationSeconds,
        timeout: 10,
        requests,
    });
    const statusCounts = {};
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
        statusCounts[code] = stat.count ?? 0;
    const accepted = statusCounts['201'] ?? 0;
    const requestsDone = Object.values(statusCounts).reduce((sum, n) => sum + n, 0);
    return {
        durationSeconds: result.duration,
        requests: requestsDone,
        accepted,
        acceptedPerSecond: accepted / result.duration,
        statusCounts,
        non2xx: result.non2xx,
        serverErrors: result['5xx'],
        connectionErrors: result.errors,
        timeouts: result.timeouts,
        latencyMs: {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            max: result.latency.max,
            mean: result.latency.mean,
        },
    };
}
//# sourceMappingURL=load.js.map