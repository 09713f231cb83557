/**
 * Rego numbers: a JS `number` for ordinary values (fast path) and a `bigint`
 * for integers beyond 2^53, so big integers stay exact like OPA's.
 *
 * Invariant kept by every function here: a bigint is only used for integers
 * whose magnitude exceeds Number.MAX_SAFE_INTEGER (see `normalizeBig`).
 */

/** A Rego number. */
export type RegoNumber = number | bigint;

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
export function toFloat(n: RegoNumber): number {
  return typeof n === 'bigint' ? Number(n) : n;
}

/** Parses a Rego/JSON number literal; integers stay exact. */
export function parseNumber(text: string): RegoNumber {
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
export function compareNumbers(a: RegoNumber, b: RegoNumber): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  // Mixed: compare exactly when the float is an integer, else via floats.
  const x = typeof a === 'number' ? a : b as number;
  if (Number.isInteger(x)) {
    const ba = toBigInt(a);
    const bb = toBigInt(b);
    return ba < bb ? -1 : ba > bb ? 1 : 0;
  }
  const fa = toFloat(a);
  const fb = toFloat(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** Canonical text used for hashing: equal numbers give equal keys. */
export function numberKey(n: RegoNumber): string {
  if (typeof n === 'bigint') return n.toString();
  if (Number.isInteger(n) && !Number.isSafeInteger(n) && Number.isFinite(n)) return BigInt(n).toString();
  return String(n);
}

/** Text of a number as OPA prints it (JSON number syntax). */
export function formatNumber(n: RegoNumber): string {
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
