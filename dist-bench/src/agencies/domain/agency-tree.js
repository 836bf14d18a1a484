"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AgencyTree = void 0;
/** The agency hierarchy in memory: supervisors see their agency's subtree (appeals-rules.md 17). */
class AgencyTree {
    nodes;
    byId = new Map();
    children = new Map();
    constructor(nodes) {
        this.nodes = nodes;
        for (const node of nodes) {
            this.byId.set(node.id, node);
            if (node.parentId) {
                const siblings = this.children.get(node.parentId) ?? [];
                siblings.push(node.id);
                this.children.set(node.parentId, siblings);
            }
        }
    }
    get(id) {
        return this.byId.get(id);
    }
    /** The agency and every agency below it. */
    subtree(rootId) {
        if (!this.byId.has(rootId))
            return [];
        const result = [];
        const stack = [rootId];
        const seen = new Set();
        while (stack.length > 0) {
            const id = stack.pop();
            if (seen.has(id))
                continue; // defensive: data must not cycle, but never loop forever
            seen.add(id);
            result.push(id);
            stack.push(...(this.children.get(id) ?? []));
        }
        return result;
    }
    /** The chain of parents, nearest first. */
    ancestors(id) {
        const result = [];
        let current = this.byId.get(id)?.parentId ?? null;
        while (current && !result.includes(current)) {
            result.push(current);
            current = this.byId.get(current)?.parentId ?? null;
        }
        return result;
    }
}
exports.AgencyTree = AgencyTree;
//# sourceMappingURL=agency-tree.js.map