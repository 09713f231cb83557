/**
 * A parsed module as OPA's encoding/json writes an ast.Module (what
 * `opa parse --format json` prints and rego.parse_module returns): package,
 * imports, rules with head/body, terms as {type, value}, comments with
 * base64 text. Locations are left out, as OPA leaves them out by default.
 * Throws for what this engine's AST cannot render as OPA would.
 */
import { Body, Expr, Module, Rule, ScalarTerm, Term, WithModifier } from '../ast';
import { compare } from '../value';

/** A term that this renderer cannot reproduce faithfully. */
export class UnrenderableError extends Error {}

type Json = Record<string, unknown>;

const term = (type: string, value: unknown): Json => ({ type, value });
const str = (s: string): Json => term('string', s);

/** OPA's JSON of a term. */
export function termJSON(t: Term): Json {
  switch (t.type) {
    case 'scalar': {
      const v = t.value;
      if (v === null) return term('null', null);
      if (typeof v === 'boolean') return term('boolean', v);
      if (typeof v === 'string') return str(v);
      return term('number', v);
    }
    case 'var': return term('var', t.name);
    case 'ref': return term('ref', [termJSON(t.head), ...t.path.map(termJSON)]);
    case 'array': return term('array', t.items.map(termJSON));
    case 'set': return term('set', sortedByScalar(t.items, (x) => x, 'set members').map(termJSON));
    case 'object': return term('object', sortedByScalar(t.entries, ([k]) => k, 'object keys').map(([k, v]) => [termJSON(k), termJSON(v)]));
    case 'arraycompr': return term('arraycomprehension', { term: termJSON(t.term), body: bodyJSON(t.body) });
    case 'setcompr': return term('setcomprehension', { term: termJSON(t.term), body: bodyJSON(t.body) });
    case 'objectcompr': return term('objectcomprehension', { key: termJSON(t.key), value: termJSON(t.value), body: bodyJSON(t.body) });
    case 'call': return term('call', callTerms(t));
  }
}

/**
 * OPA writes set members and object keys in its term order. For scalars that is
 * the value order; other terms (vars, refs, composites) are refused rather than
 * guessed.
 */
function sortedByScalar<X>(items: readonly X[], keyOf: (x: X) => Term, what: string): X[] {
  const keys = items.map(keyOf);
  if (!keys.every((k) => k.type === 'scalar')) throw new UnrenderableError(`${what} that are not scalars cannot be rendered in OPA's term order`);
  return items.map((x, i) => [x, keys[i]] as const).sort((a, b) => compare((a[1] as ScalarTerm).value, (b[1] as ScalarTerm).value)).map(([x]) => x);
}

/** A call as OPA lists it: the function's ref, then the operands. */
function callTerms(t: Extract<Term, { type: 'call' }>): Json[] {
  // The parser reads `-x` as minus(0, x); OPA has no such call (only negative number literals).
  if (t.operator === '-' && t.args.length === 2 && t.args[0].type === 'scalar' && t.args[0].loc === t.loc) {
    throw new UnrenderableError('unary minus on a non-literal cannot be rendered as OPA’s AST');
  }
  const fn = t.fn.type === 'var' ? term('ref', [termJSON(t.fn)]) : termJSON(t.fn);
  return [fn, ...t.args.map(termJSON)];
}

function operator(name: string): Json {
  return term('ref', [term('var', name)]);
}

function withJSON(w: WithModifier): Json {
  return { target: termJSON(w.target), value: termJSON(w.value) };
}

/** The `terms` of an expression: a call's operator and operands, a plain term, or some/every declarations. */
function exprTerms(e: Expr): unknown {
  switch (e.kind) {
    case 'term': return e.term.type === 'call' ? callTerms(e.term) : termJSON(e.term);
    case 'unify': return [operator('eq'), termJSON(e.left), termJSON(e.right)];
    case 'assign': return [operator('assign'), termJSON(e.left), termJSON(e.right)];
    case 'some': return { symbols: e.vars.map(termJSON) };
    case 'somein': {
      const member = e.key ? 'member_3' : 'member_2';
      const args = e.key ? [e.key, e.value, e.collection] : [e.value, e.collection];
      return { symbols: [term('call', [term('ref', [term('var', 'internal'), str(member)]), ...args.map(termJSON)])] };
    }
    case 'every': return { key: e.key ? termJSON(e.key) : null, value: termJSON(e.value), domain: termJSON(e.domain), body: bodyJSON(e.body) };
  }
}

/** OPA's JSON of a body; an empty body is OPA's `true`. */
export function bodyJSON(body: Body): Json[] {
  if (body.length === 0) return [{ index: 0, terms: term('boolean', true) }];
  return body.map((e, index) => {
    const out: Json = { index, terms: exprTerms(e) };
    if (e.negated) out.negated = true;
    if (e.with.length > 0) out.with = e.with.map(withJSON);
    return out;
  });
}

/** OPA's JSON of a rule (and its else chain). */
function ruleJSON(r: Rule, isElse = false): Json {
  const h = r.head;
  const head: Json = { ref: h.ref.map((t, i) => (i === 0 && t.type === 'scalar' ? term('var', t.value) : termJSON(t))) };
  // OPA names only rules whose ref is a single name.
  if (h.ref.length === 1 && h.ref[0].type === 'scalar') head.name = h.ref[0].value;
  if (h.args && h.args.length > 0) head.args = h.args.map(termJSON);
  if (h.key) head.key = termJSON(h.key);
  if (h.value) head.value = termJSON(h.value);
  else if (r.kind !== 'multi') head.value = term('boolean', true);
  if (h.assign) head.assign = true;
  const out: Json = { head, body: bodyJSON(r.body) };
  if (r.isDefault && !isElse) out.default = true;
  if (r.else) out.else = ruleJSON(r.else, true);
  return out;
}

/** Comments of the source, as OPA keeps them: text after `#` and its location, both base64 where Go has bytes. */
function commentsJSON(text: string, file: string): Json[] {
  const out: Json[] = [];
  const lines = text.split('\n');
  let raw = false;
  lines.forEach((line, row) => {
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (raw) {
        if (c === '`') raw = false;
      } else if (quoted) {
        if (c === '\\') i++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === '`') raw = true;
      else if (c === '#') {
        const body = line.slice(i + 1).replace(/\r$/, '');
        const col = Buffer.byteLength(line.slice(0, i)) + 1;
        out.push({
          Text: Buffer.from(body).toString('base64'),
          Location: { file, row: row + 1, col, text: Buffer.from('#' + body).toString('base64') },
        });
        break;
      }
    }
  });
  return out;
}

/** OPA's JSON of a module parsed from text. */
export function moduleJSON(module: Module, text: string): Json {
  const out: Json = { package: { path: [term('var', 'data'), ...module.packagePath.map(str)] } };
  if (module.imports.length > 0) out.imports = module.imports.map((i) => (i.alias ? { path: termJSON(i.path), alias: i.alias } : { path: termJSON(i.path) }));
  if (module.rules.length > 0) out.rules = module.rules.map((r) => ruleJSON(r));
  const comments = commentsJSON(text, module.file);
  if (comments.length > 0) out.comments = comments;
  return out;
}
