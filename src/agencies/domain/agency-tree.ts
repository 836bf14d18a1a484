export interface AgencyNode {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly parentId: string | null;
}

/** The agency hierarchy in memory: supervisors see their agency's subtree (appeals-rules.md 17). */
export class AgencyTree {
  private readonly byId = new Map<string, AgencyNode>();
  private readonly children = new Map<string, string[]>();

  constructor(readonly nodes: readonly AgencyNode[]) {
    for (const node of nodes) {
      this.byId.set(node.id, node);
      if (node.parentId) {
        const siblings = this.children.get(node.parentId) ?? [];
        siblings.push(node.id);
        this.children.set(node.parentId, siblings);
      }
    }
  }

  get(id: string): AgencyNode | undefined {
    return this.byId.get(id);
  }

  /** The agency and every agency below it. */
  subtree(rootId: string): string[] {
    if (!this.byId.has(rootId)) return [];
    const result: string[] = [];
    const stack = [rootId];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue; // defensive: data must not cycle, but never loop forever
      seen.add(id);
      result.push(id);
      stack.push(...(this.children.get(id) ?? []));
    }
    return result;
  }

  /** The chain of parents, nearest first. */
  ancestors(id: string): string[] {
    const result: string[] = [];
    let current = this.byId.get(id)?.parentId ?? null;
    while (current && !result.includes(current)) {
      result.push(current);
      current = this.byId.get(current)?.parentId ?? null;
    }
    return result;
  }
}
