/** Detects rules that depend on themselves (OPA's rego_recursion_error). */
import { RegoErrorDetail } from '../errors';
import { IRBody, IRRule, IRTerm } from './ir';
import { RuleNode, pathName } from './tree';

/** Reports each cycle among rule nodes once. */
export function checkRecursion(root: RuleNode, errors: RegoErrorDetail[]): void {
  const nodes = [...root.descendants()].filter((n) => n.rules.length > 0 || n.functions.length > 0);
  const edges = new Map<RuleNode, RuleNode[]>();
  for (const n of nodes) {
    const refs: Array<Pattern> = [];
    for (const r of [...n.rules, ...n.functions]) for (let x: IRRule | undefined = r; x; x = x.else) ruleRefs(x, refs);
    const targets = new Set<RuleNode>();
    for (const p of refs) for (const t of dependents(root, p)) targets.add(t);
    edges.set(n, [...targets]);
  }
  const state = new Map<RuleNode, 1 | 2>();
  const stack: RuleNode[] = [];
  const reported = new Set<RuleNode>();
  const visit = (n: RuleNode): void => {
    state.set(n, 1);
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const s = state.get(m);
      if (s === 1) {
        if (!reported.has(m)) {
          reported.add(m);
          const cycle = stack.slice(stack.indexOf(m)).concat(m).map((x) => pathName(x.path));
          const first = m.rules[0] ?? m.functions[0];
          errors.push({ code: 'rego_recursion_error', message: `rule ${pathName(m.path)} is recursive: ${cycle.join(' -> ')}`, location: first?.loc });
        }
      } else if (s === undefined) {
        visit(m);
      }
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of nodes) if (!state.has(n)) visit(n);
}

/** A data path where null stands for any key (a variable in the ref). */
type Pattern = ReadonlyArray<string | null>;

/** Rule nodes a reference matching p may evaluate: those on the way to p and all below it. */
function dependents(root: RuleNode, p: Pattern): RuleNode[] {
  const out: RuleNode[] = [];
  const hasRules = (n: RuleNode): boolean => n.rules.length > 0 || n.functions.length > 0;
  const walk = (n: RuleNode, i: number): void => {
    if (i === p.length) {
      for (const d of n.descendants()) if (hasRules(d)) out.push(d);
      return;
    }
    if (hasRules(n)) out.push(n);
    const seg = p[i];
    if (seg === null) for (const c of n.children.values()) walk(c, i + 1);
    else {
      const c = n.children.get(seg);
      if (c) walk(c, i + 1);
    }
  };
  walk(root, 0);
  return out;
}

function ruleRefs(r: IRRule, out: Array<Pattern>): void {
  for (const t of [r.key, r.value, ...r.suffix, ...(r.args ?? [])]) if (t) termRefs(t, out);
  bodyRefs(r.body, out);
}

function bodyRefs(body: IRBody, out: Array<Pattern>): void {
  for (const e of body) {
    switch (e.kind) {
      case 'term': termRefs(e.term, out); break;
      case 'unify': termRefs(e.left, out); termRefs(e.right, out); break;
      case 'somein': if (e.key) termRefs(e.key, out); termRefs(e.value, out); termRefs(e.collection, out); break;
      case 'every': termRefs(e.domain, out); bodyRefs(e.body, out); break;
    }
    for (const w of e.with) termRefs(w.value, out);
  }
}

function termRefs(t: IRTerm, out: Array<Pattern>): void {
  switch (t.t) {
    case 'data': out.push(t.path); break;
    case 'ref':
      if (t.head.t === 'data') out.push([...t.head.path, ...t.path.map((p) => (p.t === 'const' && typeof p.v === 'string' ? p.v : null))]);
      else termRefs(t.head, out);
      for (const p of t.path) termRefs(p, out);
      break;
    case 'array': case 'set': for (const x of t.items) termRefs(x, out); break;
    case 'object': for (const [k, v] of t.entries) { termRefs(k, out); termRefs(v, out); } break;
    case 'call':
      if (t.fnPath) out.push(t.fnPath);
      for (const a of t.args) termRefs(a, out);
      if (t.output) termRefs(t.output, out);
      break;
    case 'arraycompr': case 'setcompr': termRefs(t.term, out); bodyRefs(t.body, out); break;
    case 'objectcompr': termRefs(t.key, out); termRefs(t.value, out); bodyRefs(t.body, out); break;
    default: break;
  }
}
