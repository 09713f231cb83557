/**
 * Go's time.ParseDuration: "300ms", "-1.5h", "2h45m"; units ns, us/µs/μs, ms, s, m, h.
 * Returns nanoseconds as a bigint (the range is int64) or throws with Go's message.
 */

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX_INT64 = (1n << 63n) - 1n;

/** Parses a Go duration string into nanoseconds. */
export function parseGoDuration(text: string): bigint {
  const invalid = (): Error => new Error(`time: invalid duration ${quote(text)}`);
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [whole, intDigits, fracDigits] = number;
    if (!(s[0] === '.' || /\d/.test(s[0]))) throw invalid();
    if (intDigits === '' && (fracDigits === undefined || fracDigits === '')) throw invalid();
    s = s.slice(whole.length);
    const unitMatch = /^[^.0-9]*/.exec(s)![0];
    if (unitMatch === '') throw new Error(`time: missing unit in duration ${quote(text)}`);
    s = s.slice(unitMatch.length);
    const unit = UNITS[unitMatch];
    if (unit === undefined) throw new Error(`time: unknown unit ${quote(unitMatch)} in duration ${quote(text)}`);
    const intPart = intDigits === '' ? 0n : BigInt(intDigits);
    if (intPart > (1n << 63n) / unit) throw invalid();
    let value = intPart * unit;
    if (fracDigits) {
      // Go scales the fraction in float64; digits beyond what fits are ignored.
      const significant = fracDigits.slice(0, 18);
      value += BigInt(Math.trunc(Number(significant) * (Number(unit) / 10 ** significant.length)));
      if (value > 1n << 63n) throw invalid();
    }
    total += value;
    if (total > 1n << 63n) throw invalid();
  }
  if (negative) return -total;
  if (total > MAX_INT64) throw invalid();
  return total;
}

function quote(s: string): string {
  return JSON.stringify(s);
}
