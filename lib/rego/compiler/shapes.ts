/**
 * OPA's type checker rejects unifications that can never succeed: two literal patterns of
 * different shapes (`[1, x] = [1, 2, 3]`, `{"a": x} = {"b": 1}`) are a compile-time match error.
 */
import { RegoObject, format } from '../value';
import { IRTerm } from './ir';

/**
 * Why two literal patterns can never unify (arrays of different lengths, objects with different
 * constant keys, at any depth), as OPA's type checker reports a match error; undefined when they may.
 */
export function shapeMismatch(a: IRTerm, b: IRTerm): string | undefined {
  const items = (t: IRTerm): readonly IRTerm[] | undefined => (t.t === 'array' ? t.items : t.t === 'const' && Array.isArray(t.v) ? t.v.map((v) => ({ t: 'const', v }) as IRTerm) : undefined);
  const ia = items(a);
  const ib = items(b);
  if (ia && ib) {
    if (ia.length !== ib.length) return `an array of ${ia.length} items with an array of ${ib.length} items`;
    for (let i = 0; i < ia.length; i++) {
      const inner = shapeMismatch(ia[i], ib[i]);
      if (inner) return inner;
    }
    return undefined;
  }
  const ea = entries(a);
  const eb = entries(b);
  if (!ea || !eb) return undefined;
  const keys = (e: Map<string, IRTerm>): string => [...e.keys()].sort().join(', ');
  if (keys(ea) !== keys(eb)) return `an object with keys {${keys(ea)}} with an object with keys {${keys(eb)}}`;
  for (const [k, v] of ea) {
    const inner = shapeMismatch(v, eb.get(k)!);
    if (inner) return inner;
  }
  return undefined;
}

/** An object pattern's entries by key text, when every key is a constant. */
function entries(t: IRTerm): Map<string, IRTerm> | undefined {
  const out = new Map<string, IRTerm>();
  if (t.t === 'const' && t.v instanceof RegoObject) {
    for (const [k, v] of t.v.entries()) out.set(format(k), { t: 'const', v });
    return out;
  }
  if (t.t !== 'object') return undefined;
  for (const [k, v] of t.entries) {
    if (k.t !== 'const') return undefined;
    out.set(format(k.v), v);
  }
  return out;
}
