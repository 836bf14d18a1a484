"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.hashEvent = hashEvent;
exports.verifyChain = verifyChain;
const node_crypto_1 = require("node:crypto");
const canonical_json_1 = require("../../platform/json/canonical-json");
/**
 * Each event's hash covers the previous event's hash and its own content, so rewriting or dropping
 * any event of an appeal breaks every hash after it.
 */
function hashEvent(prevHash, event) {
    return (0, node_crypto_1.createHash)('sha256')
        .update(prevHash ?? '')
        .update('\n')
        .update((0, canonical_json_1.canonicalJson)(event))
        .digest('hex');
}
/** Returns the seq of the first broken link, or null when the whole chain verifies. */
function verifyChain(events) {
    let prev = null;
    for (let i = 0; i < events.length; i++) {
        const { prevHash, hash, ...event } = events[i];
        if (event.seq !== i + 1 || prevHash !== prev || hashEvent(prev, event) !== hash)
            return event.seq;
        prev = hash;
    }
    return null;
}
//# sourceMappingURL=event-chain.js.map