import { appendPointer } from '../manifest';
import { checkFieldFormat } from './field-formats';
import { ANY_KEY, type FieldNode } from './field-tree';
import type { RuleId } from './rules';

/** A problem found by walking a resource against its allowed-fields tree, before it is given a line. */
export interface FieldProblem {
  readonly rule: RuleId;
  readonly path: string;
  readonly message: string;
}

/** Returned when the walk reached a schema location not learned yet; learn from the resource and walk again. */
export const UNLEARNED = Symbol('unlearned');

/**
 * Walks a resource against its kind's allowed-fields tree: reports unknown fields when `strict`,
 * and checks the formats of known fields (ports, percentages) either way. Free-form objects and map
 * values are not looked into for unknown fields.
 */
export function checkFields(resource: unknown, root: FieldNode, strict: boolean): FieldProblem[] | typeof UNLEARNED {
  const problems: FieldProblem[] = [];
  return walk(resource, root, '', undefined, strict, problems) ? problems : UNLEARNED;
}

function walk(value: unknown, node: FieldNode, pointer: string, field: string | undefined, strict: boolean, problems: FieldProblem[]): boolean {
  if (Array.isArray(value)) {
    if (value.length === 0) return true;
    const items = node.child(ANY_KEY);
    if (items === undefined) return false;
    for (let i = 0; i < value.length; i++) {
      if (!walk(value[i], items, appendPointer(pointer, i), field, strict, problems)) return false;
    }
    return true;
  }
  if (value === null || typeof value !== 'object') return true;
  const entries = Object.entries(value);
  if (node.shape === undefined) return entries.length === 0;
  if (node.shape === 'free') return true;
  if (node.shape === 'map') {
    const values = node.child(ANY_KEY);
    for (const [key, child] of entries) {
      if (!isContainer(child)) continue;
      if (values === undefined || !walk(child, values, appendPointer(pointer, key), key, strict, problems)) return false;
    }
    return true;
  }
  for (const [key, child] of entries) {
    const childPointer = appendPointer(pointer, key);
    if (!node.properties.has(key)) {
      if (strict) problems.push({ rule: 'unknown-field', path: childPointer, message: unknownFieldMessage(key, node.properties) });
      continue;
    }
    const format = checkFieldFormat(key, field, child);
    if (format) problems.push({ rule: format.rule, path: childPointer, message: format.message });
    if (!isContainer(child)) continue;
    const childNode = node.child(key);
    if (childNode === undefined || !walk(child, childNode, childPointer, key, strict, problems)) return false;
  }
  return true;
}

function isContainer(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

function unknownFieldMessage(key: string, known: ReadonlySet<string>): string {
  const suggestion = closestName(key, known);
  const hint = suggestion === undefined ? 'remove it, or pass --no-strict to allow unknown fields' : `did you mean ${JSON.stringify(suggestion)}?`;
  return `unknown field ${JSON.stringify(key)}: ${hint}`;
}

/** The known name within a small edit distance (or differing only in case), for "did you mean". */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const candidate of [...candidates].sort()) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
