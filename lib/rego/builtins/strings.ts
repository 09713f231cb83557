/**
 * String builtins (OPA topdown/strings.go). Positions and lengths count code
 * points (Go runes), case mapping is per code point like Go's strings.ToLower.
 */
import { RegoNumber, toBigInt, toFloat } from '../number';
import { Value, compare, isArray, isSet, isString, typeName } from '../value';
import { BuiltinError, BuiltinTypeError, T, defineBuiltin, operandError } from './registry';
import { intOperand, runes, setOrArray, stringOrCollection, stringsOperand } from './operand-helpers';

const str = (v: Value): string => v as string;

defineBuiltin({
  name: 'concat',
  args: [T.string, setOrArray],
  fn: ([sep, collection]) => {
    const members = isArray(collection) ? collection : isSet(collection) ? collection.values() : [];
    const kind = typeName(collection);
    for (const m of members) if (!isString(m)) throw operandError(2, `${kind} of strings`, collection, `${kind} containing ${typeName(m)}`);
    return (members as string[]).join(str(sep));
  },
});

defineBuiltin({ name: 'contains', args: [T.string, T.string], fn: ([s, sub]) => str(s).includes(str(sub)) });
defineBuiltin({ name: 'startswith', args: [T.string, T.string], fn: ([s, p]) => str(s).startsWith(str(p)) });
defineBuiltin({ name: 'endswith', args: [T.string, T.string], fn: ([s, p]) => str(s).endsWith(str(p)) });
defineBuiltin({ name: 'lower', args: [T.string], fn: ([s]) => mapCodePoints(str(s), (c) => c.toLowerCase()) });
defineBuiltin({ name: 'upper', args: [T.string], fn: ([s]) => mapCodePoints(str(s), (c) => c.toUpperCase()) });

defineBuiltin({
  name: 'split',
  args: [T.string, T.string],
  fn: ([s, sep]) => (str(sep) === '' ? runes(str(s)) : str(s).split(str(sep))),
});

defineBuiltin({
  name: 'replace',
  args: [T.string, T.string, T.string],
  fn: ([s, old, replacement]) => replaceInOrder(str(s), [[str(old), str(replacement)]]),
});

defineBuiltin({
  name: 'strings.replace_n',
  args: [T.object, T.string],
  fn: ([patterns, s]) => {
    const pairs: Array<[string, string]> = [];
    // OPA sorts the patterns; at each position the first matching pattern wins (Go's strings.Replacer).
    const entries = [...(patterns as { entries(): Iterable<[Value, Value]> }).entries()].sort((a, b) => compare(a[0], b[0]));
    for (const [k, v] of entries) {
      if (!isString(k)) throw new BuiltinTypeError('operand 1 non-string key found in pattern object');
      if (!isString(v)) throw new BuiltinTypeError('operand 1 non-string value found in pattern object');
      pairs.push([k, v]);
    }
    return replaceInOrder(str(s), pairs);
  },
});

defineBuiltin({ name: 'trim', args: [T.string, T.string], fn: ([s, cut]) => trimRunes(str(s), str(cut), true, true) });
defineBuiltin({ name: 'trim_left', args: [T.string, T.string], fn: ([s, cut]) => trimRunes(str(s), str(cut), true, false) });
defineBuiltin({ name: 'trim_right', args: [T.string, T.string], fn: ([s, cut]) => trimRunes(str(s), str(cut), false, true) });
defineBuiltin({
  name: 'trim_prefix',
  args: [T.string, T.string],
  fn: ([s, p]) => (str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : s),
});
defineBuiltin({
  name: 'trim_suffix',
  args: [T.string, T.string],
  fn: ([s, p]) => (str(p) !== '' && str(s).endsWith(str(p)) ? str(s).slice(0, str(s).length - str(p).length) : s),
});
defineBuiltin({ name: 'trim_space', args: [T.string], fn: ([s]) => str(s).replace(GO_SPACE_EDGES, '') });

defineBuiltin({
  name: 'substring',
  args: [T.string, T.number, T.number],
  fn: ([s, start, length]) => {
    const offset = intOperand(start, 2);
    const count = intOperand(length, 3);
    if (offset < 0) throw new BuiltinError('negative offset');
    const chars = runes(str(s));
    if (offset >= chars.length) return '';
    return chars.slice(offset, count < 0 ? undefined : offset + count).join('');
  },
});

defineBuiltin({
  name: 'indexof',
  args: [T.string, T.string],
  fn: ([s, search]) => {
    if (str(search) === '') throw new BuiltinError('empty search character');
    const at = str(s).indexOf(str(search));
    return at < 0 ? -1 : runes(str(s).slice(0, at)).length;
  },
});

defineBuiltin({
  name: 'indexof_n',
  args: [T.string, T.string],
  fn: ([s, search]) => {
    if (str(search) === '') throw new BuiltinError('empty search character');
    const out: number[] = [];
    // Overlapping matches count, like OPA's rune-by-rune scan.
    for (let at = str(s).indexOf(str(search)); at >= 0; at = str(s).indexOf(str(search), at + 1)) {
      out.push(runes(str(s).slice(0, at)).length);
    }
    return out;
  },
});

defineBuiltin({
  name: 'strings.count',
  args: [T.string, T.string],
  fn: ([s, search]) => (str(search) === '' ? runes(str(s)).length + 1 : str(s).split(str(search)).length - 1),
});

defineBuiltin({ name: 'strings.reverse', args: [T.string], fn: ([s]) => runes(str(s)).reverse().join('') });

defineBuiltin({
  name: 'format_int',
  args: [T.number, T.number],
  fn: ([n, base]) => {
    const radix = ({ 2: 2, 8: 8, 10: 10, 16: 16 } as Record<string, number>)[String(base)];
    if (radix === undefined) throw new BuiltinTypeError('operand 2 must be one of {2, 8, 10, 16}');
    return truncate(n as RegoNumber).toString(radix);
  },
});

defineBuiltin({
  name: 'strings.any_prefix_match',
  args: [stringOrCollection, stringOrCollection],
  fn: ([s, p]) => anyMatch(s, p, (x, y) => x.startsWith(y)),
});

defineBuiltin({
  name: 'strings.any_suffix_match',
  args: [stringOrCollection, stringOrCollection],
  fn: ([s, p]) => anyMatch(s, p, (x, y) => x.endsWith(y)),
});

function anyMatch(subjects: Value, patterns: Value, test: (s: string, p: string) => boolean): boolean {
  const list = (v: Value, position: number): string[] => (isString(v) ? [v] : stringsOperand(v, position));
  const xs = list(subjects, 1);
  const ps = list(patterns, 2);
  return xs.some((x) => ps.some((p) => test(x, p)));
}

/** Integer part of a number, truncated toward zero (Go's big.Float.Int). */
function truncate(n: RegoNumber): bigint {
  return typeof n === 'bigint' ? n : toBigInt(Math.trunc(toFloat(n)));
}

/** Per-code-point case mapping; a mapping that yields several code points keeps the original (Go's simple mapping). */
function mapCodePoints(s: string, map: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = map(c);
    out += Array.from(m).length === 1 ? m : c;
  }
  return out;
}

/** Go's unicode.IsSpace set, anchored at both ends. */
const GO_SPACE_EDGES = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

function trimRunes(s: string, cutset: string, left: boolean, right: boolean): string {
  const cut = new Set(runes(cutset));
  const chars = runes(s);
  let start = 0;
  let end = chars.length;
  if (left) while (start < end && cut.has(chars[start])) start++;
  if (right) while (end > start && cut.has(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

/**
 * Go's strings.Replacer: scanning left to right, at each position the first
 * pattern (in the given order) that matches is replaced; an empty pattern
 * matches between code points but not right after another empty match.
 */
function replaceInOrder(s: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  let out = '';
  let i = 0;
  let prevEmpty = false;
  while (i <= s.length) {
    const hit = pairs.find(([old]) => s.startsWith(old, i) && !(old === '' && prevEmpty));
    if (hit) {
      out += hit[1];
      prevEmpty = hit[0] === '';
      if (hit[0] !== '') {
        i += hit[0].length;
        continue;
      }
    } else {
      prevEmpty = false;
    }
    if (i < s.length) {
      const width = s.codePointAt(i)! > 0xffff ? 2 : 1;
      out += s.slice(i, i + width);
      i += width;
      prevEmpty = false;
    } else {
      break;
    }
  }
  return out;
}
