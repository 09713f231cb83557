/**
 * units.parse and units.parse_bytes (OPA topdown/parse_units.go, parse_bytes.go).
 * Amounts are computed as exact rationals, so "500m" is exactly 0.5 and
 * "10Ei" an exact integer beyond 2^53.
 */
import { RegoNumber, normalizeBig, parseNumber } from '../number';
import { BuiltinError, T, defineBuiltin } from './registry';

const KI = 1n << 10n;

/** Multipliers as rationals [numerator, denominator]. */
type Rational = readonly [bigint, bigint];

const UNITS: Record<string, Rational> = {
  m: [1n, 1000n],
  '': [1n, 1n],
  k: [1000n, 1n], K: [1000n, 1n],
  ki: [KI, 1n], Ki: [KI, 1n],
  M: [10n ** 6n, 1n],
  mi: [KI ** 2n, 1n], Mi: [KI ** 2n, 1n],
  g: [10n ** 9n, 1n], G: [10n ** 9n, 1n],
  gi: [KI ** 3n, 1n], Gi: [KI ** 3n, 1n],
  t: [10n ** 12n, 1n], T: [10n ** 12n, 1n],
  ti: [KI ** 4n, 1n], Ti: [KI ** 4n, 1n],
  p: [10n ** 15n, 1n], P: [10n ** 15n, 1n],
  pi: [KI ** 5n, 1n], Pi: [KI ** 5n, 1n],
  e: [10n ** 18n, 1n], E: [10n ** 18n, 1n],
  ei: [KI ** 6n, 1n], Ei: [KI ** 6n, 1n],
};

const BYTE_UNITS: Record<string, bigint> = {
  '': 1n,
  kb: 10n ** 3n, k: 10n ** 3n, kib: KI, ki: KI,
  mb: 10n ** 6n, m: 10n ** 6n, mib: KI ** 2n, mi: KI ** 2n,
  gb: 10n ** 9n, g: 10n ** 9n, gib: KI ** 3n, gi: KI ** 3n,
  tb: 10n ** 12n, t: 10n ** 12n, tib: KI ** 4n, ti: KI ** 4n,
  pb: 10n ** 15n, p: 10n ** 15n, pib: KI ** 5n, pi: KI ** 5n,
  eb: 10n ** 18n, e: 10n ** 18n, eib: KI ** 6n, ei: KI ** 6n,
};

const MAX_EXPONENT_DIGITS = 6;

defineBuiltin({
  name: 'units.parse',
  args: [T.string],
  fn: ([raw]) => {
    const fail = (msg: string): never => {
      throw new BuiltinError(`units.parse: ${msg}`);
    };
    const s = (raw as string).replaceAll('"', '');
    if (s.includes(' ')) fail('spaces not allowed in resource strings');
    const { amount, unit } = splitAmount(s) ?? fail('exponent too large');
    if (amount === '') fail('no amount provided');
    // Only the letters after the first are lower-cased, so "m" (milli) and "M" (mega) stay apart.
    const key = unit.length > 1 ? unit[0] + unit.slice(1).toLowerCase() : unit;
    const multiplier = UNITS[key] ?? fail(`unit ${key} not recognized`);
    const value = parseRational(amount) ?? fail('could not parse amount to a number');
    return rationalToNumber(value[0] * multiplier[0], value[1] * multiplier[1]);
  },
});

defineBuiltin({
  name: 'units.parse_bytes',
  args: [T.string],
  fn: ([raw]) => {
    const fail = (msg: string): never => {
      throw new BuiltinError(`units.parse_bytes: ${msg}`);
    };
    const s = (raw as string).toLowerCase().replaceAll('"', '');
    if (s.includes(' ')) fail('spaces not allowed in resource strings');
    const { amount, unit } = splitAmount(s) ?? fail('exponent too large');
    if (amount === '') fail('no byte amount provided');
    const multiplier = BYTE_UNITS[unit] ?? fail(`byte unit ${unit} not recognized`);
    const [num, den] = parseRational(amount) ?? fail('could not parse byte amount to a number');
    return normalizeBig((num * multiplier) / den); // truncated toward zero, like big.Float.Int
  },
});

/**
 * OPA's extractNumAndUnit: the amount is the leading run of digits, '.', signs
 * and exponents ('e' counts as an exponent only when a digit or sign follows).
 * Undefined when an exponent has too many digits.
 */
function splitAmount(s: string): { amount: string; unit: string } | undefined {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (/[0-9.+-]/.test(c)) continue;
    if (c !== 'e' && c !== 'E') break;
    const next = s[i + 1];
    if (next === undefined || !/[0-9+-]/.test(next)) break;
    if (next === '+' || next === '-') i++;
    const digits = /^\d*/.exec(s.slice(i + 1))![0];
    if (digits.length > MAX_EXPONENT_DIGITS) return undefined;
  }
  return { amount: s.slice(0, i), unit: s.slice(i) };
}

/** Go's big.Rat SetString for decimals like "1.5", ".5", "5.", "-2", "1.5e-2"; undefined when malformed. */
function parseRational(text: string): Rational | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  let num = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  const exp = Number(m[4] ?? 0);
  if (exp >= 0) num *= 10n ** BigInt(exp);
  else den *= 10n ** BigInt(-exp);
  return [num, den];
}

/** An exact integer, or OPA's FloatString(10) decimal (rounded half away from zero) read as a number. */
function rationalToNumber(num: bigint, den: bigint): RegoNumber {
  if (num % den === 0n) return normalizeBig(num / den);
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const scaled = (abs * 10n ** 10n * 2n + den) / (den * 2n);
  const digits = scaled.toString().padStart(11, '0');
  const text = `${negative ? '-' : ''}${digits.slice(0, -10)}.${digits.slice(-10)}`;
  return parseNumber(text);
}
