/**
 * The rule tree: one node per data path segment. Rules sit at their ground
 * path (package + leading constant parts of the head ref); the interpreter
 * walks it to tell virtual documents from base data.
 */
import { IRRule } from './ir';
import { equal } from '../value';

/** A node's rules sorted by how their values combine (what the interpreter needs on every evaluation). */
export interface RuleGroups {
  /** Partial set rules (`p contains x`) without a dynamic head ref. */
  readonly multi: readonly IRRule[];
  /** Rules with a dynamic head ref (`p[k] := v`, `p.q[k] contains v`). */
  readonly nested: readonly IRRule[];
  /** Every rule but the default one. */
  readonly nonDefault: readonly IRRule[];
  readonly default: IRRule | undefined;
  /**
   * OPA's early exit: complete rules whose values are all the same constant stop at their first
   * solution (no later iteration runs, so no later `print` or error happens).
   */
  readonly earlyExit: boolean;
}

/** True when every rule and `else` branch is complete (or a function) with the same constant value (`true` when none is written). */
export function constantValued(rules: readonly IRRule[]): boolean {
  let first: IRRule['value'] | null = null;
  for (const root of rules) for (let r: IRRule | undefined = root; r; r = r.else) {
    if (r.kind === 'multi' || r.suffix.length > 0) return false;
    const v = r.value ?? TRUE;
    if (v.t !== 'const') return false;
    if (first === null) first = v;
    else if (first.t !== 'const' || !equal(first.v, v.v)) return false;
  }
  return true;
}

const TRUE: NonNullable<IRRule['value']> = { t: 'const', v: true };

const NO_RULES: RuleGroups = { multi: [], nested: [], nonDefault: [], default: undefined, earlyExit: true };

/** A node of the rule tree. */
export class RuleNode {
  readonly children = new Map<string, RuleNode>();
  /** Rules (not functions) whose ground path is this node. */
  readonly rules: IRRule[] = [];
  /** Function definitions at this node. */
  readonly functions: IRRule[] = [];
  /** True when this node or a descendant has rules (a virtual document lives here). */
  virtual = false;
  /** The rules grouped for evaluation: set by seal, once the tree is complete. */
  groups: RuleGroups = NO_RULES;
  /** OPA's early exit for functions: every definition returns the same constant (set by seal). */
  functionsExitEarly = false;
  /** Numbers the nodes of one tree 0, 1, …, so that an evaluation keeps per-node results in arrays. */
  readonly id: number;

  constructor(
    readonly path: readonly string[],
    private readonly numbering: { next: number } = { next: 0 },
  ) {
    this.id = numbering.next++;
  }

  /** How many nodes this node's tree has: every id is below it. */
  get treeSize(): number {
    return this.numbering.next;
  }

  /**
   * Works out what the interpreter reads on every evaluation, once the node's rules are all in.
   * Done here rather than on first use, so that the interpreter's hot functions hold no path that
   * computes it (TurboFan compiled such a path into them, at a cost on every cold start).
   */
  seal(): void {
    const nonDefault = this.rules.filter((r) => !r.isDefault);
    this.groups = {
      multi: nonDefault.filter((r) => r.kind === 'multi' && r.suffix.length === 0),
      nested: nonDefault.filter((r) => r.suffix.length > 0),
      nonDefault,
      default: this.rules.find((r) => r.isDefault),
      earlyExit: constantValued(nonDefault),
    };
    this.functionsExitEarly = constantValued(this.functions.filter((r) => !r.isDefault));
  }

  /** The child named name, created when missing. */
  child(name: string): RuleNode {
    let c = this.children.get(name);
    if (!c) {
      c = new RuleNode([...this.path, name], this.numbering);
      this.children.set(name, c);
    }
    return c;
  }

  /** The node at path below this one, if any. */
  find(path: readonly string[]): RuleNode | undefined {
    let n: RuleNode | undefined = this;
    for (const p of path) {
      n = n.children.get(p);
      if (!n) return undefined;
    }
    return n;
  }

  /** This node and every descendant, depth first. */
  *descendants(): IterableIterator<RuleNode> {
    yield this;
    for (const c of this.children.values()) yield* c.descendants();
  }
}

/** Builds the tree from compiled rules; every package is a document (`{}` when it defines nothing). */
export function buildTree(rules: readonly IRRule[], packages: ReadonlyArray<readonly string[]>): RuleNode {
  const root = new RuleNode([]);
  for (const pkg of packages) {
    let n = root;
    root.virtual = true;
    for (const p of pkg) {
      n = n.child(p);
      n.virtual = true;
    }
  }
  for (const r of rules) {
    let n = root;
    r.path.forEach((p, i) => {
      n = n.child(p);
      // A function is not a document, but its package still shows as an (empty) object.
      if (r.kind !== 'function' || i < r.path.length - 1) n.virtual = true;
    });
    (r.kind === 'function' ? n.functions : n.rules).push(r);
  }
  if (rules.length > 0) root.virtual = true;
  for (const n of root.descendants()) n.seal();
  return root;
}

/** Text of a data path for messages. */
export function pathName(path: readonly string[]): string {
  return ['data', ...path].map((p, i) => (i === 0 || /^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? (i === 0 ? p : '.' + p) : `[${JSON.stringify(p)}]`)).join('');
}
