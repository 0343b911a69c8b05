/**
 * Pure rules about the import graph of the main process, apart from reading files (see scan.ts):
 * which unit a file belongs to, the graph between units, its cycles, and imports of a capability
 * that pass by its entry file.
 */

/** One import: `from` and `to` are paths relative to the scanned root, with forward slashes. */
export type ImportEdge = { from: string; to: string };

/** The capabilities: each is met only through its `index.ts`. */
export const CAPABILITIES = ['sales', 'documents', 'mail', 'payments', 'reminders', 'settings', 'users', 'secrets', 'cashbook'] as const;

/** The unit of a file: its top-level folder, or the file itself when it lies at the root. */
export function unitOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? file : file.slice(0, slash);
}

/** Unit → units it imports, each with one import that shows it. */
export type UnitGraph = Map<string, Map<string, ImportEdge>>;

export function unitGraph(edges: readonly ImportEdge[]): UnitGraph {
  const graph: UnitGraph = new Map();
  for (const edge of edges) {
    const from = unitOf(edge.from);
    const to = unitOf(edge.to);
    if (!graph.has(from)) graph.set(from, new Map());
    if (!graph.has(to)) graph.set(to, new Map());
    if (from !== to && !graph.get(from)!.has(to)) graph.get(from)!.set(to, edge);
  }
  return graph;
}

/** Units that import each other, directly or around: each group's units by name, and one cycle through it. */
export type CycleGroup = { units: string[]; cycle: string[] };

/**
 * The strongly connected groups of units (Tarjan), each with one cycle through it given as the
 * units in order with the first repeated at the end, e.g. ['mail', 'payments', 'mail'].
 */
export function findCycles(graph: UnitGraph): CycleGroup[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const visit = (unit: string): void => {
    index.set(unit, next);
    low.set(unit, next++);
    stack.push(unit);
    onStack.add(unit);
    for (const target of graph.get(unit)?.keys() ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(unit, Math.min(low.get(unit)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(unit, Math.min(low.get(unit)!, index.get(target)!));
      }
    }
    if (low.get(unit) === index.get(unit)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== unit);
      if (group.length > 1) groups.push(group);
    }
  };
  for (const unit of [...graph.keys()].sort()) if (!index.has(unit)) visit(unit);
  return groups.map((group) => ({ units: group.sort(), cycle: cycleWithin(graph, new Set(group)) }));
}

/** One closed path through a strongly connected group, starting at its first unit by name. */
function cycleWithin(graph: UnitGraph, group: Set<string>): string[] {
  const start = [...group].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const unit = queue.shift()!;
    for (const target of [...(graph.get(unit)?.keys() ?? [])].sort()) {
      if (!group.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = unit; at !== start; at = cameFrom.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, unit);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

/** A cycle told with one import for each step: `mail → payments (mail/a.ts imports payments/b.ts)`. */
export function describeCycle(graph: UnitGraph, cycle: readonly string[]): string {
  const steps = cycle.slice(1).map((to, i) => {
    const from = cycle[i]!;
    const edge = graph.get(from)!.get(to)!;
    return `${from} → ${to} (${edge.from} imports ${edge.to})`;
  });
  return steps.join('; ');
}

/** Imports of a capability's inner files from outside that capability (its `index.ts` is the only door). */
export function entryBypasses(edges: readonly ImportEdge[], capabilities: readonly string[] = CAPABILITIES): ImportEdge[] {
  return edges.filter((edge) => {
    const target = unitOf(edge.to);
    return capabilities.includes(target) && unitOf(edge.from) !== target && edge.to !== `${target}/index.ts`;
  });
}
