/**
 * Regular-expression builtins (OPA topdown/regex.go) with Go RE2 syntax and
 * match semantics (see go/regexp.ts). Invalid patterns raise Go's message,
 * e.g. "error parsing regexp: missing closing ]: `[`".
 */
import { Value } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';
import { GoRegexp, GoRegexpError, compileGoRegexp, findAll, isValidGoRegexp, matchString, replaceAll, split } from './go/regexp';
import { GlobIntersectionError, globsIntersect } from './go/glob-intersection';
import { intOperand } from './operand-helpers';

const str = (v: Value): string => v as string;

function compile(pattern: string): GoRegexp {
  try {
    return compileGoRegexp(pattern);
  } catch (e) {
    if (e instanceof GoRegexpError) throw new BuiltinError(e.message);
    throw e;
  }
}

defineBuiltin({
  name: 'regex.is_valid',
  args: [T.any],
  fn: ([pattern]) => typeof pattern === 'string' && isValidGoRegexp(pattern),
});

for (const name of ['regex.match', 're_match']) {
  defineBuiltin({
    name,
    args: [T.string, T.string],
    deprecated: name === 're_match',
    fn: ([pattern, text]) => matchString(compile(str(pattern)), str(text)),
  });
}

defineBuiltin({
  name: 'regex.split',
  args: [T.string, T.string],
  fn: ([pattern, text]) => split(compile(str(pattern)), str(text), -1),
});

defineBuiltin({
  name: 'regex.find_n',
  args: [T.string, T.string, T.number],
  fn: ([pattern, text, n]) => {
    const limit = intOperand(n, 3);
    return findAll(compile(str(pattern)), str(text), limit).map((m) => m.groups[0] ?? '');
  },
});

defineBuiltin({
  name: 'regex.find_all_string_submatch_n',
  args: [T.string, T.string, T.number],
  fn: ([pattern, text, n]) => {
    const limit = intOperand(n, 3);
    return findAll(compile(str(pattern)), str(text), limit).map((m) => m.groups.map((g) => g ?? ''));
  },
});

defineBuiltin({
  name: 'regex.replace',
  args: [T.string, T.string, T.string],
  fn: ([text, pattern, replacement]) => replaceAll(compile(str(pattern)), str(text), str(replacement)),
});

defineBuiltin({
  name: 'regex.globs_match',
  args: [T.string, T.string],
  fn: ([left, right]) => {
    try {
      return globsIntersect(str(left), str(right));
    } catch (e) {
      if (e instanceof GlobIntersectionError) throw new BuiltinError(e.message);
      throw e;
    }
  },
});

defineBuiltin({
  name: 'regex.template_match',
  args: [T.string, T.string, T.string, T.string],
  fn: ([template, text, start, end]) => {
    if (str(start).length !== 1) throw new BuiltinError(`start delimiter has to be exactly one character long but is ${Buffer.byteLength(str(start))} long`);
    if (str(end).length !== 1) throw new BuiltinError(`end delimiter has to be exactly one character long but is ${Buffer.byteLength(str(start))} long`);
    return matchString(compile(templateToPattern(str(template), str(start), str(end))), str(text));
  },
});

/**
 * OPA's regex template: text outside the delimiters is literal, text inside
 * is a regular expression (delimiters may nest inside it); the whole is anchored.
 */
function templateToPattern(template: string, open: string, close: string): string {
  let pattern = '^';
  let depth = 0;
  let segmentStart = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === open) {
      if (depth === 0) {
        pattern += quoteMeta(template.slice(segmentStart, i));
        segmentStart = i + 1;
      }
      depth++;
    } else if (c === close && depth > 0) {
      depth--;
      if (depth === 0) {
        pattern += `(${template.slice(segmentStart, i)})`;
        segmentStart = i + 1;
      }
    }
  }
  if (depth !== 0) throw new BuiltinError(`unbalanced braces in ${JSON.stringify(template)}`);
  return `${pattern}${quoteMeta(template.slice(segmentStart))}$`;
}

function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
