/**
 * semver.is_valid and semver.compare (OPA's internal semver, from coreos/go-semver):
 * MAJOR.MINOR.PATCH without leading zeros, optional -prerelease and +metadata.
 */
import { Value } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';

interface Version {
  readonly core: readonly bigint[];
  readonly pre: readonly string[];
}

const IDENTIFIER = /^[0-9A-Za-z-]+$/;

function parseVersion(text: string): Version | undefined {
  const plus = text.indexOf('+');
  const withoutMeta = plus >= 0 ? text.slice(0, plus) : text;
  if (plus >= 0 && !text.slice(plus + 1).split('.').every((p) => IDENTIFIER.test(p))) return undefined;
  const dash = withoutMeta.indexOf('-');
  const core = (dash >= 0 ? withoutMeta.slice(0, dash) : withoutMeta).split('.');
  const pre = dash >= 0 ? withoutMeta.slice(dash + 1).split('.') : [];
  if (core.length !== 3 || !core.every((p) => /^(0|[1-9]\d*)$/.test(p))) return undefined;
  if (!pre.every((p) => IDENTIFIER.test(p))) return undefined;
  return { core: core.map(BigInt), pre };
}

/** Semantic Versioning 2.0 precedence. */
function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return a.core[i] < b.core[i] ? -1 : 1;
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const [x, y] = [a.pre[i], b.pre[i]];
    if (x === y) continue;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

defineBuiltin({
  name: 'semver.is_valid',
  args: [T.any],
  fn: ([v]) => typeof v === 'string' && parseVersion(v) !== undefined,
});

defineBuiltin({
  name: 'semver.compare',
  args: [T.string, T.string],
  fn: ([a, b]) => {
    const parse = (v: Value, position: number): Version => {
      const parsed = parseVersion(v as string);
      if (!parsed) throw new BuiltinError(`operand ${position}: string ${v as string} is not a valid SemVer`);
      return parsed;
    };
    return compareVersions(parse(a, 1), parse(b, 2));
  },
});
