/**
 * Rego numbers: a JS `number` for ordinary values (fast path) and a `bigint`
 * for integers beyond 2^53, so big integers stay exact like OPA's.
 *
 * Invariant kept by every function here: a bigint is only used for integers
 * whose magnitude exceeds Number.MAX_SAFE_INTEGER (see `normalizeBig`).
 */

/**
 * A number literal a float64 cannot hold (1e-400, 1e400, 0.1234567890123456789):
 * value = digits × 10^exp, kept exact for comparison; arithmetic uses the nearest float.
 */
export class Decimal {
  /** Normalized: digits is non-zero and has no trailing zeros. */
  constructor(readonly digits: bigint, readonly exp: number) {}

  /** JSON-style text, e.g. "1e-400", "2e308", "0.1234567890123456789". */
  toString(): string {
    const neg = this.digits < 0n;
    const abs = (neg ? -this.digits : this.digits).toString();
    let body: string;
    if (this.exp < 0 && -this.exp <= 30) {
      const padded = abs.padStart(-this.exp + 1, '0');
      body = `${padded.slice(0, padded.length + this.exp)}.${padded.slice(padded.length + this.exp)}`;
    } else {
      body = `${abs}e${this.exp}`;
    }
    return (neg ? '-' : '') + body;
  }
}

/** A Rego number as builtins see it (a Decimal reaches them as its nearest float). */
export type RegoNumber = number | bigint;

/** Any number value, including exact decimals beyond float64. */
export type AnyNumber = RegoNumber | Decimal;

interface Exact {
  digits: bigint;
  exp: number;
}

/** Exact decimal of a number literal or of a float's shortest text. */
function exactOf(text: string): Exact | undefined {
  const m = /^(-?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  let digits = BigInt(m[2] + frac);
  let exp = Number(m[4] ?? 0) - frac.length;
  if (digits === 0n) return { digits: 0n, exp: 0 };
  while (digits % 10n === 0n) {
    digits /= 10n;
    exp++;
  }
  return { digits: m[1] === '-' ? -digits : digits, exp };
}

function exactOfNumber(n: AnyNumber): Exact {
  if (n instanceof Decimal) return n;
  if (typeof n === 'bigint') return exactOf(n.toString())!;
  return exactOf(String(n).replace('e+', 'e'))!;
}

function compareExact(a: Exact, b: Exact): number {
  const sa = a.digits === 0n ? 0 : a.digits < 0n ? -1 : 1;
  const sb = b.digits === 0n ? 0 : b.digits < 0n ? -1 : 1;
  if (sa !== sb || sa === 0) return sa - sb;
  // Same sign: compare magnitudes (number of digits + exponent) first, then align.
  const la = (sa < 0 ? -a.digits : a.digits).toString().length + a.exp;
  const lb = (sb < 0 ? -b.digits : b.digits).toString().length + b.exp;
  if (la !== lb) return la > lb ? sa : -sa;
  const e = Math.min(a.exp, b.exp);
  const x = a.digits * 10n ** BigInt(a.exp - e);
  const y = b.digits * 10n ** BigInt(b.exp - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A bigint as a number when that is exact, else the bigint itself. */
export function normalizeBig(b: bigint): RegoNumber {
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

/** True when n has no fractional part. */
export function isInteger(n: RegoNumber): boolean {
  return typeof n === 'bigint' || Number.isInteger(n);
}

/** Exact bigint of an integer number (caller checks isInteger). */
export function toBigInt(n: RegoNumber): bigint {
  return typeof n === 'bigint' ? n : BigInt(n);
}

/** Nearest JS number. */
export function toFloat(n: AnyNumber): number {
  if (n instanceof Decimal) return Number(n.toString());
  return typeof n === 'bigint' ? Number(n) : n;
}

/** Parses a Rego/JSON number literal; integers stay exact. */
export function parseNumber(text: string): RegoNumber {
  const n = parseNumberLiteral(text);
  return n instanceof Decimal ? toFloat(n) : n;
}

/** Parses a number literal of the source; values a float64 would change stay exact as a Decimal. */
export function parseNumberLiteral(text: string): AnyNumber {
  if (/^-?\d+$/.test(text)) {
    const f = Number(text);
    return Number.isSafeInteger(f) ? f : normalizeBig(BigInt(text));
  }
  const f = Number(text);
  if (Number.isInteger(f) && !Number.isSafeInteger(f) && Number.isFinite(f)) {
    // e.g. 1e30: an exact integer in decimal notation.
    const exact = exactIntegerFromDecimal(text);
    if (exact !== undefined) return normalizeBig(exact);
  }
  // Keep literals a float would change (out of range, or more digits than it holds) exact.
  const exact = exactOf(text);
  if (exact && exact.digits !== 0n && (!Number.isFinite(f) || compareExact(exact, exactOfNumber(f)) !== 0)) return new Decimal(exact.digits, exact.exp);
  return f;
}

function exactIntegerFromDecimal(text: string): bigint | undefined {
  const m = /^(-?)(\d+)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const exp = Number(m[4]) - frac.length;
  if (exp < 0 || exp > 400) return undefined;
  const digits = BigInt(m[2] + frac) * 10n ** BigInt(exp);
  return m[1] === '-' ? -digits : digits;
}

/** Numeric comparison: negative, zero or positive. */
export function compareNumbers(a: AnyNumber, b: AnyNumber): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Decimal || b instanceof Decimal) return compareExact(exactOfNumber(a), exactOfNumber(b));
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  // Mixed: compare exactly when the float is an integer, else via floats.
  const x = typeof a === 'number' ? a : (b as number);
  if (Number.isInteger(x)) {
    const ba = toBigInt(a as RegoNumber);
    const bb = toBigInt(b as RegoNumber);
    return ba < bb ? -1 : ba > bb ? 1 : 0;
  }
  const fa = toFloat(a);
  const fb = toFloat(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** Canonical text used for hashing: equal numbers give equal keys. */
export function numberKey(n: AnyNumber): string {
  if (n instanceof Decimal) return `${n.digits}e${n.exp}`;
  if (typeof n === 'bigint') return n.toString();
  if (Number.isInteger(n) && !Number.isSafeInteger(n) && Number.isFinite(n)) return BigInt(n).toString();
  return String(n);
}

/** Text of a number as OPA prints it (JSON number syntax). */
export function formatNumber(n: AnyNumber): string {
  if (n instanceof Decimal) return n.toString();
  if (typeof n === 'bigint') return n.toString();
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n).replace(/e\+?/, 'e+').replace('e+-', 'e-');
}

function bothSafe(a: RegoNumber, b: RegoNumber): boolean {
  return typeof a === 'number' && typeof b === 'number';
}

/** a + b, exact for integers. */
export function add(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (bothSafe(a, b)) {
    const r = (a as number) + (b as number);
    if (Number.isSafeInteger(r) || !Number.isInteger(a as number) || !Number.isInteger(b as number)) return r;
  }
  if (isInteger(a) && isInteger(b)) return normalizeBig(toBigInt(a) + toBigInt(b));
  return toFloat(a) + toFloat(b);
}

/** a - b, exact for integers. */
export function sub(a: RegoNumber, b: RegoNumber): RegoNumber {
  return add(a, negate(b));
}

/** -a */
export function negate(a: RegoNumber): RegoNumber {
  return typeof a === 'bigint' ? normalizeBig(-a) : -a;
}

/** a * b, exact for integers. */
export function mul(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (bothSafe(a, b)) {
    const r = (a as number) * (b as number);
    if (Number.isSafeInteger(r) || !Number.isInteger(a as number) || !Number.isInteger(b as number)) return r;
  }
  if (isInteger(a) && isInteger(b)) return normalizeBig(toBigInt(a) * toBigInt(b));
  return toFloat(a) * toFloat(b);
}

/** a / b; undefined when b is zero (the caller raises OPA's "divide by zero"). */
export function div(a: RegoNumber, b: RegoNumber): RegoNumber | undefined {
  if (isZero(b)) return undefined;
  if (isInteger(a) && isInteger(b)) {
    const ba = toBigInt(a);
    const bb = toBigInt(b);
    if (ba % bb === 0n) return normalizeBig(ba / bb);
  }
  return toFloat(a) / toFloat(b);
}

/** Integer remainder with Go's sign rule (sign of the dividend); undefined on zero. */
export function rem(a: RegoNumber, b: RegoNumber): RegoNumber | undefined {
  if (isZero(b)) return undefined;
  if (typeof a === 'number' && typeof b === 'number') return a % b;
  return normalizeBig(toBigInt(a) % toBigInt(b));
}

/** True for zero. */
export function isZero(n: RegoNumber): boolean {
  return typeof n === 'bigint' ? n === 0n : n === 0;
}

/** |a| */
export function abs(a: RegoNumber): RegoNumber {
  if (typeof a === 'bigint') return a < 0n ? -a : a;
  return Math.abs(a);
}

/** Rounds half away from zero like Go's math.Round. */
export function round(a: RegoNumber): RegoNumber {
  if (typeof a === 'bigint') return a;
  return a < 0 ? -Math.round(-a) : Math.round(a);
}

/** ⌈a⌉ */
export function ceil(a: RegoNumber): RegoNumber {
  return typeof a === 'bigint' ? a : Math.ceil(a);
}

/** ⌊a⌋ */
export function floor(a: RegoNumber): RegoNumber {
  return typeof a === 'bigint' ? a : Math.floor(a);
}
