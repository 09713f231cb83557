/**
 * Where compiled paths lead in the rule tree, worked out once per path: compiled terms hand the
 * interpreter the same path arrays on every evaluation, and the tree never changes after compiling,
 * so the walks that used to show up in profiles become one WeakMap lookup. (A path array belongs
 * to one compiled program, so the path alone is the key.)
 */
import { RuleNode } from '../compiler/tree';

/**
 * Where a ground data path leads in the rule tree: the first node with rules on the way (the rest of
 * the path, from `from`, indexes its value) or the virtual node at its end; null for base data only.
 */
export type DataTarget = { readonly node: RuleNode; readonly from: number } | null;

/** Targets by path array (compiled paths are the same arrays every time; the tree does not change). */
const dataTargets = new WeakMap<readonly string[], DataTarget>();

function resolveDataPath(root: RuleNode, path: readonly string[]): DataTarget {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    if (node.rules.length > 0) return { node, from: i };
    const c = node.children.get(path[i]);
    if (!c || !c.virtual) return null;
    node = c;
  }
  return node.virtual ? { node, from: path.length } : null;
}

/** Namespace nodes by path array (see namespaceAt); null: not a namespace. */
const namespaces = new WeakMap<readonly string[], RuleNode | null>();

function findNamespace(root: RuleNode, path: readonly string[]): RuleNode | null {
  let node: RuleNode | undefined = root;
  for (const p of path) {
    if (node.rules.length > 0) return null;
    node = node.children.get(p);
    if (!node) return null;
  }
  return node.virtual && node.rules.length === 0 ? node : null;
}

/** Function nodes by call path (the compiled call's path array; tree lookups showed up in profiles). */
const functionNodes = new WeakMap<readonly string[], RuleNode | null>();

/** Where a ground data path leads (see DataTarget). */
export function dataTarget(root: RuleNode, path: readonly string[]): DataTarget {
  let target = dataTargets.get(path);
  if (target === undefined) dataTargets.set(path, (target = resolveDataPath(root, path)));
  return target;
}

/** The namespace node at path (virtual, no rules on the way or at it), or null. */
export function namespaceNode(root: RuleNode, path: readonly string[]): RuleNode | null {
  let found = namespaces.get(path);
  if (found === undefined) namespaces.set(path, (found = findNamespace(root, path)));
  return found;
}

/** The node holding the functions a call path names, or null. */
export function functionNode(root: RuleNode, path: readonly string[]): RuleNode | null {
  let node = functionNodes.get(path);
  if (node === undefined) functionNodes.set(path, (node = root.find(path) ?? null));
  return node;
}
