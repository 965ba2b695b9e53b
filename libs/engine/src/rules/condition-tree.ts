import { ConditionNode, LeafCondition } from '../types';

export type GroupKind = 'all' | 'any' | 'not';

export function isLeaf(node: ConditionNode): node is LeafCondition {
  return typeof node === 'object' && node !== null && 'fact' in node;
}

export function groupKind(node: ConditionNode): GroupKind | null {
  if ('all' in node) return 'all';
  if ('any' in node) return 'any';
  if ('not' in node) return 'not';
  return null;
}

export function children(node: ConditionNode): ConditionNode[] {
  if ('all' in node) return node.all;
  if ('any' in node) return node.any;
  if ('not' in node) return [node.not];
  return [];
}

/** Every leaf, depth first, in the order written. */
export function leaves(node: ConditionNode): LeafCondition[] {
  return isLeaf(node) ? [node] : children(node).flatMap(leaves);
}
