/**
 * Safety: every variable must be bound before it is used. Like OPA, a body is
 * reordered (keeping the written order where possible) so that literals
 * binding a variable run before literals reading it; what cannot be ordered
 * is reported as `rego_unsafe_var_error: var x is unsafe`.
 */
import { RegoErrorDetail } from '../errors';
import { IRExpr, IRTerm } from './ir';
import type { Scope } from './translate';

interface Analysis {
  readonly needs: Set<number>;
  readonly binds: Set<number>;
  /** Extra condition for unification: one side must be known. */
  readonly ready?: (bound: ReadonlySet<number>) => boolean;
}

/** Orders exprs for safety given the slots bound on entry; reports unsafe vars. */
export function orderBody(exprs: IRExpr[], scope: Scope, bound: ReadonlySet<number>, errors: RegoErrorDetail[]): IRExpr[] {
  const wildcards = new Set<number>();
  for (const [name, slot] of scope.names) if (name.startsWith('$')) wildcards.add(slot);
  const analyses = exprs.map((e) => analyzeExpr(e, wildcards));
  const done = new Set<number>(bound);
  const out: IRExpr[] = [];
  const pending = exprs.map((_, i) => i);
  while (pending.length > 0) {
    const pick = pending.findIndex((i) => isReady(analyses[i], done));
    if (pick < 0) break;
    const i = pending[pick];
    pending.splice(pick, 1);
    out.push(exprs[i]);
    for (const s of analyses[i].binds) done.add(s);
  }
  if (pending.length > 0) {
    const reported = new Set<number>();
    for (const i of pending) {
      const a = analyses[i];
      const missing = [...a.needs, ...(a.ready && !a.ready(done) ? a.binds : [])].filter((s) => !done.has(s) && !reported.has(s));
      for (const s of missing) {
        reported.add(s);
        errors.push({ code: 'rego_unsafe_var_error', message: `var ${displayName(scope, s)} is unsafe`, location: exprs[i].loc });
      }
    }
    out.push(...pending.map((i) => exprs[i]));
  }
  return out;
}

/** Slots needed by head terms that the body does not bind. */
export function unboundIn(terms: readonly (IRTerm | undefined)[], bound: ReadonlySet<number>): number[] {
  const a: Analysis = { needs: new Set(), binds: new Set() };
  for (const t of terms) if (t) term(t, 'in', a);
  return [...a.needs].filter((s) => !bound.has(s));
}

/** Slots a body binds once it has run (used to check rule heads). */
export function bodyBinds(exprs: readonly IRExpr[], initially: ReadonlySet<number>): Set<number> {
  const out = new Set(initially);
  for (const e of exprs) for (const s of analyzeExpr(e, new Set()).binds) out.add(s);
  return out;
}

/** Name of a slot for messages. */
export function displayName(scope: Scope, slot: number): string {
  for (let s: Scope | undefined = scope; s; s = s.parent) for (const [name, x] of s.names) if (x === slot) return name.startsWith('$') ? '_' : name;
  return `$${slot}`;
}

function isReady(a: Analysis, bound: ReadonlySet<number>): boolean {
  for (const s of a.needs) if (!bound.has(s)) return false;
  return a.ready ? a.ready(bound) : true;
}

function analyzeExpr(e: IRExpr, wildcards: ReadonlySet<number>): Analysis {
  const a: Analysis = { needs: new Set(), binds: new Set() };
  switch (e.kind) {
    case 'term': term(e.term, 'in', a); break;
    case 'unify': {
      term(e.left, 'out', a);
      term(e.right, 'out', a);
      const { left, right } = e;
      (a as { ready?: Analysis['ready'] }).ready = (bound) => canUnify(left, right, bound);
      break;
    }
    case 'somein':
      if (e.key) term(e.key, 'out', a);
      term(e.value, 'out', a);
      term(e.collection, 'in', a);
      break;
    case 'every':
      term(e.domain, 'in', a);
      for (const s of e.captures) a.needs.add(s);
      break;
  }
  for (const w of e.with) term(w.value, 'in', a);
  if (e.negated) {
    // A negation binds nothing: all its variables must already be bound, except wildcards.
    for (const s of a.binds) if (!wildcards.has(s)) a.needs.add(s);
    a.binds.clear();
    (a as { ready?: Analysis['ready'] }).ready = undefined;
  }
  return a;
}

/** Records needs/binds of a term; 'out' marks pattern positions that can bind. */
function term(t: IRTerm, mode: 'in' | 'out', a: Analysis): void {
  switch (t.t) {
    case 'var': (mode === 'out' ? a.binds : a.needs).add(t.slot); break;
    case 'ref':
      term(t.head, 'in', a);
      for (const p of t.path) term(p, 'out', a);
      break;
    case 'array': for (const x of t.items) term(x, mode, a); break;
    case 'set': for (const x of t.items) term(x, 'in', a); break;
    case 'object': for (const [k, v] of t.entries) { term(k, 'in', a); term(v, mode, a); } break;
    case 'call':
      for (const x of t.args) term(x, 'in', a);
      if (t.output) term(t.output, 'out', a);
      break;
    case 'arraycompr': case 'setcompr': case 'objectcompr':
      for (const s of t.captures) a.needs.add(s);
      break;
    default: break;
  }
}

function patternVars(t: IRTerm, out: number[] = []): number[] {
  if (t.t === 'var') out.push(t.slot);
  else if (t.t === 'array') for (const x of t.items) patternVars(x, out);
  else if (t.t === 'object') for (const [, v] of t.entries) patternVars(v, out);
  return out;
}

function canUnify(l: IRTerm, r: IRTerm, bound: ReadonlySet<number>): boolean {
  if (patternVars(l).every((s) => bound.has(s)) || patternVars(r).every((s) => bound.has(s))) return true;
  if (l.t === 'array' && r.t === 'array' && l.items.length === r.items.length) return l.items.every((x, i) => canUnify(x, r.items[i], bound));
  if (l.t === 'object' && r.t === 'object') return true;
  return false;
}
