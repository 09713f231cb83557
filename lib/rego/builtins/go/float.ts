/**
 * Go's strconv.FormatFloat for float64 ('e', 'E', 'f', 'F', 'g', 'G', shortest or fixed precision).
 *
 * Fixed precision rounds the exact binary value half-to-even like Go does;
 * JavaScript's toFixed rounds exact ties up, so it is not used.
 */

/** Decimal digits of a non-negative finite value: 0.d1d2d3… × 10^dp, without trailing zeros. */
interface DecimalDigits {
  digits: string;
  dp: number;
}

/** Formats a float64 like Go's strconv.FormatFloat(x, verb, precision, 64); precision -1 means shortest. */
export function formatFloat(x: number, verb: 'e' | 'E' | 'f' | 'F' | 'g' | 'G', precision: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const negative = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const shortest = precision < 0;
  const lower = verb.toLowerCase() as 'e' | 'f' | 'g';
  let digs: DecimalDigits;
  let prec = precision;
  if (shortest) {
    digs = shortestDigits(abs);
    prec = lower === 'e' ? Math.max(digs.digits.length - 1, 0) : lower === 'f' ? Math.max(digs.digits.length - digs.dp, 0) : digs.digits.length;
  } else {
    const exact = exactDigits(abs);
    if (lower === 'e') digs = roundDigits(exact, prec + 1);
    else if (lower === 'f') digs = roundDigits(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = roundDigits(exact, prec);
    }
  }
  const sign = negative ? '-' : '';
  const expChar = verb === 'E' || verb === 'G' ? 'E' : 'e';
  if (lower === 'e') return sign + formatE(digs, prec, expChar);
  if (lower === 'f') return sign + formatF(digs, prec);
  let eprec = prec;
  if (eprec > digs.digits.length && digs.digits.length >= digs.dp) eprec = digs.digits.length;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (digs.digits === '' || digs.digits === '0') {
    // Zero: Go prints "0" for %g.
    return sign + (exp < -4 || exp >= eprec ? formatE(digs, 0, expChar) : '0');
  }
  if (exp < -4 || exp >= eprec) {
    if (prec > digs.digits.length) prec = digs.digits.length;
    return sign + formatE(digs, prec - 1, expChar);
  }
  if (prec > digs.dp) prec = digs.digits.length;
  return sign + formatF(digs, Math.max(prec - digs.dp, 0));
}

function digitAt(d: DecimalDigits, i: number): string {
  return i < d.digits.length ? d.digits[i] : '0';
}

function formatE(d: DecimalDigits, prec: number, expChar: string): string {
  const isZero = d.digits === '' || /^0*$/.test(d.digits);
  let out = isZero ? '0' : d.digits[0];
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = isZero ? 0 : d.dp - 1;
  const expAbs = Math.abs(exp);
  return `${out}${expChar}${exp < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
}

function formatF(d: DecimalDigits, prec: number): string {
  let out = '';
  if (d.dp > 0) {
    for (let i = 0; i < d.dp; i++) out += digitAt(d, i);
  } else {
    out = '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      const j = d.dp + i;
      out += j < 0 ? '0' : digitAt(d, j);
    }
  }
  return out;
}

/** Shortest digits that round-trip (JavaScript and Go agree on these). */
function shortestDigits(abs: number): DecimalDigits {
  if (abs === 0) return { digits: '', dp: 0 };
  const [mantissa, exponent] = abs.toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, dp: Number(exponent) + 1 };
}

/** The exact decimal expansion of a double (at most ~770 significant digits). */
function exactDigits(abs: number): DecimalDigits {
  if (abs === 0) return { digits: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const bits = view.getBigUint64(0);
  const biasedExp = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exp2: number;
  if (biasedExp === 0) exp2 = -1074;
  else {
    mantissa |= 1n << 52n;
    exp2 = biasedExp - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp2 >= 0) {
    digits = (mantissa << BigInt(exp2)).toString();
    dp = digits.length;
  } else {
    // mantissa / 2^k == mantissa * 5^k / 10^k
    digits = (mantissa * 5n ** BigInt(-exp2)).toString();
    dp = digits.length + exp2;
  }
  const trimmed = digits.replace(/0+$/, '');
  return { digits: trimmed, dp };
}

/** Rounds to `n` significant digits, half to even on the exact value (Go's decimal.Round). */
function roundDigits(d: DecimalDigits, n: number): DecimalDigits {
  if (n < 0) return { digits: '', dp: d.dp };
  if (n >= d.digits.length) return d;
  const next = d.digits[n];
  let up: boolean;
  if (next === '5' && n + 1 === d.digits.length) up = n > 0 && Number(d.digits[n - 1]) % 2 === 1;
  else up = next >= '5';
  let kept = d.digits.slice(0, n);
  let dp = d.dp;
  if (up) {
    let i = kept.length - 1;
    const chars = kept.split('');
    while (i >= 0 && chars[i] === '9') {
      chars[i] = '0';
      i--;
    }
    if (i < 0) {
      chars.unshift('1');
      chars.pop();
      dp++;
      if (n === 0) return { digits: '1', dp };
    } else {
      chars[i] = String(Number(chars[i]) + 1);
    }
    kept = chars.join('');
  }
  return { digits: kept.replace(/0+$/, ''), dp };
}
