/**
 * Go `regexp` semantics on top of JavaScript RegExp.
 *
 * Patterns are parsed with Go's syntax (regexp-syntax.ts) and re-emitted as a
 * JavaScript pattern with the `v` flag, so that anchors, `.`, `\s`, flag groups
 * and escapes mean what they mean in Go. Match iteration, Split and Expand copy
 * Go's rules (for example: an empty match right after a match is skipped).
 */
import { ClassItem, CodeRange, GoRegexpError, RegexpNode, isGeneralCategory, parseGoRegexp } from './regexp-syntax';

export { GoRegexpError };

/** A compiled Go pattern. */
export interface GoRegexp {
  readonly source: string;
  readonly groupNames: readonly string[];
  readonly js: RegExp;
}

/** One match: its span in UTF-16 offsets and each group's text (undefined when the group did not take part). */
export interface GoMatch {
  readonly start: number;
  readonly end: number;
  readonly groups: readonly (string | undefined)[];
}

const CACHE_LIMIT = 200;
const cache = new Map<string, GoRegexp>();

/** Compiles a Go pattern (cached); throws GoRegexpError with Go's message for invalid syntax. */
export function compileGoRegexp(pattern: string): GoRegexp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const parsed = parseGoRegexp(pattern);
  const globalFold = foldMode(parsed.root) === 'all';
  const source = emit(parsed.root, globalFold);
  let js: RegExp;
  try {
    js = new RegExp(source, globalFold ? 'giv' : 'gv');
  } catch (e) {
    throw new GoRegexpError('invalid or unsupported Perl syntax', `${pattern} (${(e as Error).message})`);
  }
  const compiled = { source: pattern, groupNames: parsed.groupNames, js };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(pattern, compiled);
  return compiled;
}

/** Reports whether `pattern` is valid Go syntax. */
export function isValidGoRegexp(pattern: string): boolean {
  try {
    compileGoRegexp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Go's MatchString: is there a match anywhere in `text`? */
export function matchString(re: GoRegexp, text: string): boolean {
  re.js.lastIndex = 0;
  return re.js.test(text);
}

/** Go's FindAll…Index family: up to `limit` successive matches (all when limit < 0). */
export function findAll(re: GoRegexp, text: string, limit: number): GoMatch[] {
  const out: GoMatch[] = [];
  let pos = 0;
  let prevMatchEnd = -1;
  while ((limit < 0 || out.length < limit) && pos <= text.length) {
    re.js.lastIndex = pos;
    const m = re.js.exec(text);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === pos) {
      // Empty match: never right after the previous match; step one code point on.
      if (start === prevMatchEnd) accept = false;
      pos += pos < text.length ? codePointWidth(text, pos) : 1;
    } else {
      pos = end;
    }
    prevMatchEnd = end;
    if (accept) out.push({ start, end, groups: Array.from(m) });
  }
  return out;
}

/** Go's Regexp.Split(text, limit). */
export function split(re: GoRegexp, text: string, limit: number): string[] {
  if (limit === 0) return [];
  if (re.source.length > 0 && text.length === 0) return [''];
  const parts: string[] = [];
  let begin = 0;
  let end = 0;
  for (const match of findAll(re, text, limit)) {
    if (limit > 0 && parts.length === limit - 1) break;
    end = match.start;
    if (match.end !== 0) parts.push(text.slice(begin, end));
    begin = match.end;
  }
  if (end !== text.length) parts.push(text.slice(begin));
  return parts;
}

/** Go's ReplaceAllString: every match replaced by `template` expanded with `$1`, `${name}`, `$$`. */
export function replaceAll(re: GoRegexp, text: string, template: string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= text.length) {
    re.js.lastIndex = searchPos;
    const m = re.js.exec(text);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += text.slice(lastMatchEnd, start);
    // No replacement for an empty match right after another match (Go's rule).
    if (end > lastMatchEnd || start === 0) out += expand(re, template, Array.from(m));
    lastMatchEnd = end;
    const width = searchPos < text.length ? codePointWidth(text, searchPos) : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + text.slice(lastMatchEnd);
}

/** Go's Regexp.Expand for one match's groups. */
export function expand(re: GoRegexp, template: string, groups: readonly (string | undefined)[]): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    rest = rest.slice(ref[0].length);
    const name = ref[1] ?? ref[2];
    const index = /^\d+$/.test(name) && !(name.length > 1 && name.startsWith('0')) ? Number(name) : re.groupNames.indexOf(name);
    if (index >= 0) out += groups[index] ?? '';
  }
  return out + rest;
}

function codePointWidth(text: string, pos: number): number {
  return text.codePointAt(pos)! > 0xffff ? 2 : 1;
}

// ---- emission -------------------------------------------------------------

type FoldMode = 'none' | 'all' | 'mixed';

/** Whether case folding applies to no case-sensitive atom, to all of them, or to some. */
function foldMode(root: RegexpNode): FoldMode {
  let folded = false;
  let plain = false;
  const visit = (node: RegexpNode): void => {
    switch (node.kind) {
      case 'literal':
        if (caseVariants(node.codePoint).length > 1) (node.fold ? (folded = true) : (plain = true));
        break;
      case 'class':
        node.fold ? (folded = true) : (plain = true);
        break;
      case 'group':
      case 'repeat':
        visit(node.body);
        break;
      case 'concat':
        node.parts.forEach(visit);
        break;
      case 'alternate':
        node.options.forEach(visit);
        break;
      default:
        break;
    }
  };
  visit(root);
  return folded && plain ? 'mixed' : folded ? 'all' : 'none';
}

/** Emits a JavaScript `v`-mode pattern; with `globalFold` the caller adds the `i` flag. */
function emit(node: RegexpNode, globalFold: boolean): string {
  const localFold = (fold: boolean): boolean => fold && !globalFold;
  switch (node.kind) {
    case 'literal': {
      const variants = localFold(node.fold) ? caseVariants(node.codePoint) : [node.codePoint];
      return variants.length === 1 ? escapeCodePoint(variants[0]) : `[${variants.map(escapeCodePoint).join('')}]`;
    }
    case 'class':
      return `[${node.negated ? '^' : ''}${node.items.map((item) => emitClassItem(item, localFold(node.fold))).join('')}]`;
    case 'any':
      return node.matchNewline ? '[\\s\\S]' : '[^\\n]';
    case 'assert':
      return {
        beginText: '^',
        endText: '$',
        beginLine: '(?<![^\\n])',
        endLine: '(?![^\\n])',
        wordBoundary: '\\b',
        notWordBoundary: '\\B',
      }[node.assertion];
    case 'group':
      return `(${node.index === undefined ? '?:' : ''}${emit(node.body, globalFold)})`;
    case 'concat':
      return node.parts.map((part) => emit(part, globalFold)).join('');
    case 'alternate':
      return node.options.map((option) => emit(option, globalFold)).join('|');
    case 'repeat': {
      const body = emit(node.body, globalFold);
      const atomic = ['literal', 'class', 'any', 'group'].includes(node.body.kind);
      const quantifier =
        node.min === 0 && node.max === -1 ? '*'
          : node.min === 1 && node.max === -1 ? '+'
            : node.min === 0 && node.max === 1 ? '?'
              : node.max === -1 ? `{${node.min},}`
                : node.max === node.min ? `{${node.min}}` : `{${node.min},${node.max}}`;
      return `${atomic ? body : `(?:${body})`}${quantifier}${node.greedy ? '' : '?'}`;
    }
  }
}

function emitClassItem(item: ClassItem, fold: boolean): string {
  switch (item.kind) {
    case 'range':
      return emitRanges(fold ? foldRanges([item]) : [item]);
    case 'class': {
      const ranges = fold ? foldRanges(item.ranges) : item.ranges;
      return item.negated ? `[^${emitRanges(ranges)}]` : emitRanges(ranges);
    }
    case 'property': {
      if (item.name === 'Any') return item.negated ? '[^\\u{0}-\\u{10FFFF}]' : '\\u{0}-\\u{10FFFF}';
      const name = isGeneralCategory(item.name) ? `gc=${item.name}` : `sc=${item.name}`;
      return `\\${item.negated ? 'P' : 'p'}{${name}}`;
    }
  }
}

function emitRanges(ranges: readonly CodeRange[]): string {
  return ranges.map(({ lo, hi }) => (lo === hi ? escapeCodePoint(lo) : `${escapeCodePoint(lo)}-${escapeCodePoint(hi)}`)).join('');
}

/** Letters and digits stay readable; everything else is a `\u{…}` escape, valid in and out of `v` classes. */
function escapeCodePoint(cp: number): string {
  return /^[A-Za-z0-9]$/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : `\\u{${cp.toString(16)}}`;
}

/** Characters Go treats as equal under case folding (simple folding orbit, approximated). */
function caseVariants(cp: number): number[] {
  const c = String.fromCodePoint(cp);
  const set = new Set<number>([cp]);
  for (const v of [c.toLowerCase(), c.toUpperCase(), c.toUpperCase().toLowerCase(), c.toLowerCase().toUpperCase()]) {
    if (Array.from(v).length === 1) set.add(v.codePointAt(0)!);
  }
  for (const orbit of FOLD_ORBITS) {
    if (orbit.some((o) => set.has(o))) orbit.forEach((o) => set.add(o));
  }
  return [...set].sort((a, b) => a - b);
}

const FOLD_ORBITS: readonly (readonly number[])[] = [
  [0x4b, 0x6b, 0x212a], // K k KELVIN SIGN
  [0x53, 0x73, 0x17f], // S s LONG S
  [0xc5, 0xe5, 0x212b], // Å å ANGSTROM SIGN
];

const FOLD_ENUMERATION_LIMIT = 0x3000;

/** Adds case variants to ranges for a case-insensitive part of a pattern. */
function foldRanges(ranges: readonly CodeRange[]): CodeRange[] {
  const extra: number[] = [];
  for (const { lo, hi } of ranges) {
    if (hi - lo > FOLD_ENUMERATION_LIMIT) {
      throw new GoRegexpError('invalid or unsupported Perl syntax', 'case-insensitive large character range inside a partly case-sensitive pattern');
    }
    for (let cp = lo; cp <= hi; cp++) extra.push(...caseVariants(cp).filter((v) => v < lo || v > hi));
  }
  return [...ranges, ...extra.map((cp) => ({ lo: cp, hi: cp }))];
}
