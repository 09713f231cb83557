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
  const walk = new FieldWalk(strict);
  return walk.visit(resource, root, undefined) ? walk.problems : UNLEARNED;
}

/** One walk; runs once per resource, so it keeps the path as segments and builds pointers only for problems. */
class FieldWalk {
  readonly problems: FieldProblem[] = [];
  private readonly path: (string | number)[] = [];

  constructor(private readonly strict: boolean) {}

  /** False when the walk reached a location not learned yet. */
  visit(value: unknown, node: FieldNode, field: string | undefined): boolean {
    if (Array.isArray(value)) return this.visitItems(value, node, field);
    if (value === null || typeof value !== 'object') return true;
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (node.shape === undefined) return keys.length === 0;
    if (node.shape === 'free') return true;
    if (node.shape === 'map') return this.visitMapValues(object, keys, node);
    for (const key of keys) {
      const child = object[key];
      if (!node.properties.has(key)) {
        if (this.strict && node.shape === 'fields') this.report('unknown-field', key, unknownFieldMessage(key, node.properties));
        continue;
      }
      const format = checkFieldFormat(key, field, child);
      if (format) this.report(format.rule, key, format.message);
      if (child === null || typeof child !== 'object') continue;
      const childNode = node.child(key);
      if (childNode === undefined || !this.descend(key, child, childNode, key)) return false;
    }
    return true;
  }

  private visitItems(items: unknown[], node: FieldNode, field: string | undefined): boolean {
    // A free-form location may hold a list too (x-kubernetes-preserve-unknown-fields): nothing to check.
    if (items.length === 0 || node.shape === 'free') return true;
    const itemNode = node.child(ANY_KEY);
    if (itemNode === undefined) return false;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item !== null && typeof item === 'object' && !this.descend(i, item, itemNode, field)) return false;
    }
    return true;
  }

  private visitMapValues(object: Record<string, unknown>, keys: string[], node: FieldNode): boolean {
    const valueNode = node.child(ANY_KEY);
    for (const key of keys) {
      const child = object[key];
      if (child === null || typeof child !== 'object') continue;
      if (valueNode === undefined || !this.descend(key, child, valueNode, key)) return false;
    }
    return true;
  }

  private descend(segment: string | number, value: unknown, node: FieldNode, field: string | undefined): boolean {
    this.path.push(segment);
    const complete = this.visit(value, node, field);
    this.path.pop();
    return complete;
  }

  private report(rule: RuleId, key: string, message: string): void {
    let pointer = '';
    for (const segment of this.path) pointer = appendPointer(pointer, segment);
    this.problems.push({ rule, path: appendPointer(pointer, key), message });
  }
}

/** Suggestions already worked out, per set of known fields: thousands of resources repeat the same typo. */
const suggestions = new WeakMap<ReadonlySet<string>, Map<string, string | undefined>>();

function unknownFieldMessage(key: string, known: ReadonlySet<string>): string {
  let cached = suggestions.get(known);
  if (cached === undefined) suggestions.set(known, (cached = new Map()));
  if (!cached.has(key)) cached.set(key, closestName(key, known));
  const suggestion = cached.get(key);
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
