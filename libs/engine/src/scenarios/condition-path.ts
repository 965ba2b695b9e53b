import { ConditionNode } from '../types';

/** One step down a condition tree: into the i-th child of an `all`/`any`, or into a `not`. */
export type PathStep = { kind: 'all' | 'any'; index: number } | { kind: 'not' };

const STEP = /^(all|any)\[(\d+)\]$/;

/** "all[1].any[0]" (optionally prefixed "conditions.") → steps; null when it is not a path. "" is the root. */
export function parseConditionPath(path: string): PathStep[] | null {
  const body = path.trim().replace(/^conditions\.?/, '');
  if (body === '') return [];
  const steps: PathStep[] = [];
  for (const part of body.split('.')) {
    if (part === 'not') steps.push({ kind: 'not' });
    else {
      const m = STEP.exec(part);
      if (!m) return null;
      steps.push({ kind: m[1] as 'all' | 'any', index: Number(m[2]) });
    }
  }
  return steps;
}

/** The node a path leads to, or undefined when the tree has no such node. */
export function nodeAt(root: ConditionNode, steps: PathStep[]): ConditionNode | undefined {
  let node: ConditionNode | undefined = root;
  for (const step of steps) {
    if (!node) return undefined;
    if (step.kind === 'not') node = 'not' in node ? node.not : undefined;
    else node = step.kind in node ? (node as Record<string, ConditionNode[]>)[step.kind][step.index] : undefined;
  }
  return node;
}
