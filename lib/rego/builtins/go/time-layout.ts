/**
 * Go reference-time layouts ("2006-01-02T15:04:05Z07:00"): time.Parse and Time.Format.
 * Layout elements and their parsing rules follow Go's time/format.go.
 */
import { CivilTime, MONTHS, WEEKDAYS, ZonedTime, civilToUnixNanos, daysFromCivil, daysInMonth, civilFromDays, zoneAbbreviation } from './time';

export const RFC3339 = '2006-01-02T15:04:05Z07:00';
export const RFC3339_NANO = '2006-01-02T15:04:05.999999999Z07:00';

/** Layout names OPA accepts in place of a layout. */
export const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339,
  RFC3339Nano: RFC3339_NANO,
};

type Std =
  | 'LongMonth' | 'Month' | 'NumMonth' | 'ZeroMonth' | 'LongWeekDay' | 'WeekDay' | 'Day' | 'UnderDay' | 'ZeroDay'
  | 'UnderYearDay' | 'ZeroYearDay' | 'Hour' | 'Hour12' | 'ZeroHour12' | 'Minute' | 'ZeroMinute' | 'Second' | 'ZeroSecond'
  | 'LongYear' | 'Year' | 'PM' | 'pm' | 'TZ' | 'ISO8601TZ' | 'NumTZ' | 'FracSecond0' | 'FracSecond9';

interface Chunk {
  readonly prefix: string;
  readonly std?: Std;
  /** The layout text of the element (e.g. "Z07:00", ".000"). */
  readonly token: string;
  readonly suffix: string;
}

const startsLower = (s: string): boolean => /^[a-z]/.test(s);
const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i] >= '0' && s[i] <= '9';

/** Go's nextStdChunk: the literal prefix, the first layout element and the rest. */
function nextChunk(layout: string): Chunk {
  for (let i = 0; i < layout.length; i++) {
    const rest = layout.slice(i);
    const hit = (std: Std, token: string): Chunk => ({ prefix: layout.slice(0, i), std, token, suffix: layout.slice(i + token.length) });
    switch (layout[i]) {
      case 'J':
        if (rest.startsWith('January')) return hit('LongMonth', 'January');
        if (rest.startsWith('Jan') && !startsLower(rest.slice(3))) return hit('Month', 'Jan');
        break;
      case 'M':
        if (rest.startsWith('Monday')) return hit('LongWeekDay', 'Monday');
        if (rest.startsWith('Mon') && !startsLower(rest.slice(3))) return hit('WeekDay', 'Mon');
        if (rest.startsWith('MST')) return hit('TZ', 'MST');
        break;
      case '0':
        if (rest.length >= 2 && rest[1] >= '1' && rest[1] <= '6') {
          return hit((['ZeroMonth', 'ZeroDay', 'ZeroHour12', 'ZeroMinute', 'ZeroSecond', 'Year'] as const)[Number(rest[1]) - 1], rest.slice(0, 2));
        }
        if (rest.startsWith('002')) return hit('ZeroYearDay', '002');
        break;
      case '1':
        return rest.startsWith('15') ? hit('Hour', '15') : hit('NumMonth', '1');
      case '2':
        return rest.startsWith('2006') ? hit('LongYear', '2006') : hit('Day', '2');
      case '_':
        if (rest.startsWith('_2')) {
          if (rest.startsWith('_2006')) return { prefix: layout.slice(0, i + 1), std: 'LongYear', token: '2006', suffix: layout.slice(i + 5) };
          return hit('UnderDay', '_2');
        }
        if (rest.startsWith('__2')) return hit('UnderYearDay', '__2');
        break;
      case '3':
        return hit('Hour12', '3');
      case '4':
        return hit('Minute', '4');
      case '5':
        return hit('Second', '5');
      case 'P':
        if (rest.startsWith('PM')) return hit('PM', 'PM');
        break;
      case 'p':
        if (rest.startsWith('pm')) return hit('pm', 'pm');
        break;
      case '-':
      case 'Z': {
        const forms = ['070000', '07:00:00', '0700', '07:00', '07'];
        const form = forms.find((f) => rest.startsWith(layout[i] + f));
        if (form) return hit(layout[i] === 'Z' ? 'ISO8601TZ' : 'NumTZ', layout[i] + form);
        break;
      }
      case '.':
      case ',':
        if (i + 1 < layout.length && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
          let j = i + 1;
          while (j < layout.length && layout[j] === layout[i + 1]) j++;
          if (!isDigitAt(layout, j)) return hit(layout[i + 1] === '0' ? 'FracSecond0' : 'FracSecond9', layout.slice(i, j));
        }
        break;
    }
  }
  return { prefix: layout, token: '', suffix: '' };
}

function quote(s: string): string {
  return JSON.stringify(s);
}

class ParseFailure extends Error {}

/** Go's time.Parse(layout, value) in UTC; returns Unix nanoseconds. */
export function parseTime(layout: string, value: string): bigint {
  const original = { layout, value };
  const fail = (valueElem: string, layoutElem: string): never => {
    throw new Error(`parsing time ${quote(original.value)} as ${quote(original.layout)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`);
  };
  const rangeError = (what: string): never => {
    throw new Error(`parsing time ${quote(original.value)}: ${what} out of range`);
  };
  let year = 1;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nanos = 0;
  let pmSet = false;
  let amSet = false;
  let offsetSeconds: number | undefined;
  for (;;) {
    const { prefix, std, token, suffix } = nextChunk(layout);
    const stdStr = layout.slice(prefix.length, layout.length - suffix.length);
    value = skipPrefix(value, prefix) ?? fail(value, prefix);
    if (!std) {
      if (value.length > 0) throw new Error(`parsing time ${quote(original.value)}: extra text: ${quote(value)}`);
      break;
    }
    layout = suffix;
    const hold = value;
    try {
      switch (std) {
        case 'Year': {
          const p = value.slice(0, 2);
          if (!/^\d\d$/.test(p)) throw new ParseFailure();
          year = Number(p) + (Number(p) >= 69 ? 1900 : 2000);
          value = value.slice(2);
          break;
        }
        case 'LongYear':
          if (!/^\d{4}/.test(value)) throw new ParseFailure();
          year = Number(value.slice(0, 4));
          value = value.slice(4);
          break;
        case 'Month':
        case 'LongMonth': {
          const names = MONTHS.map((m) => (std === 'Month' ? m.slice(0, 3) : m));
          const idx = names.findIndex((n) => value.slice(0, n.length).toLowerCase() === n.toLowerCase());
          if (idx < 0) throw new ParseFailure();
          month = idx + 1;
          value = value.slice(names[idx].length);
          break;
        }
        case 'NumMonth':
        case 'ZeroMonth':
          [month, value] = getNum(value, std === 'ZeroMonth');
          if (month <= 0 || month > 12) rangeError('month');
          break;
        case 'WeekDay':
        case 'LongWeekDay': {
          const names = WEEKDAYS.map((d) => (std === 'WeekDay' ? d.slice(0, 3) : d));
          const idx = names.findIndex((n) => value.slice(0, n.length).toLowerCase() === n.toLowerCase());
          if (idx < 0) throw new ParseFailure();
          value = value.slice(names[idx].length);
          break;
        }
        case 'Day':
        case 'UnderDay':
        case 'ZeroDay':
          if (std === 'UnderDay' && value.startsWith(' ')) value = value.slice(1);
          [day, value] = getNum(value, std === 'ZeroDay');
          break;
        case 'UnderYearDay':
        case 'ZeroYearDay':
          for (let i = 0; i < 2 && std === 'UnderYearDay' && value.startsWith(' '); i++) value = value.slice(1);
          [yday, value] = getNum3(value, std === 'ZeroYearDay');
          if (yday < 1 || yday > 366) rangeError('day-of-year');
          break;
        case 'Hour':
          [hour, value] = getNum(value, false);
          if (hour < 0 || hour > 23) rangeError('hour');
          break;
        case 'Hour12':
        case 'ZeroHour12':
          [hour, value] = getNum(value, std === 'ZeroHour12');
          if (hour < 0 || hour > 12) rangeError('hour');
          break;
        case 'Minute':
        case 'ZeroMinute':
          [minute, value] = getNum(value, std === 'ZeroMinute');
          if (minute < 0 || minute > 59) rangeError('minute');
          break;
        case 'Second':
        case 'ZeroSecond': {
          [second, value] = getNum(value, std === 'ZeroSecond');
          if (second < 0 || second > 59) rangeError('second');
          // A fractional second in the value without one in the layout is accepted (Go's special case).
          const nextStd = nextChunk(layout).std;
          if (/^[.,]\d/.test(value) && nextStd !== 'FracSecond0' && nextStd !== 'FracSecond9') {
            const digits = /^[.,](\d+)/.exec(value)![1];
            nanos = fractionNanos(digits);
            value = value.slice(1 + digits.length);
          }
          break;
        }
        case 'PM':
        case 'pm': {
          const p = value.slice(0, 2);
          const [pm, am] = std === 'PM' ? ['PM', 'AM'] : ['pm', 'am'];
          if (p === pm) pmSet = true;
          else if (p === am) amSet = true;
          else throw new ParseFailure();
          value = value.slice(2);
          break;
        }
        case 'ISO8601TZ':
        case 'NumTZ': {
          if (std === 'ISO8601TZ' && value.startsWith('Z')) {
            value = value.slice(1);
            offsetSeconds = 0;
            break;
          }
          const form = token.slice(1);
          const pattern = { '070000': /^([+-])(\d\d)(\d\d)(\d\d)/, '07:00:00': /^([+-])(\d\d):(\d\d):(\d\d)/, '0700': /^([+-])(\d\d)(\d\d)/, '07:00': /^([+-])(\d\d):(\d\d)/, '07': /^([+-])(\d\d)/ }[form]!;
          const m = pattern.exec(value);
          if (!m) throw new ParseFailure();
          const [hh, mm, ss] = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
          if (hh > 24 || mm > 60 || ss > 60) rangeError('time zone offset');
          offsetSeconds = (m[1] === '-' ? -1 : 1) * (hh * 3600 + mm * 60 + ss);
          value = value.slice(m[0].length);
          break;
        }
        case 'TZ': {
          const m = /^(UTC|GMT[+-]\d{1,2}|[A-Z]{3,5}T?)/.exec(value);
          if (!m) throw new ParseFailure();
          value = value.slice(m[0].length);
          // Go cannot know the offset of an abbreviation; it uses 0 except for GMT±h.
          const gmt = /^GMT([+-]\d+)$/.exec(m[0]);
          offsetSeconds = gmt ? Number(gmt[1]) * 3600 : 0;
          break;
        }
        case 'FracSecond0': {
          const n = token.length - 1;
          const m = new RegExp(`^[.,](\\d{${n}})`).exec(value);
          if (!m || value[0] !== token[0] && !/[.,]/.test(value[0])) throw new ParseFailure();
          nanos = fractionNanos(m[1]);
          value = value.slice(1 + n);
          break;
        }
        case 'FracSecond9': {
          const m = /^[.,](\d+)/.exec(value);
          if (!m) break;
          nanos = fractionNanos(m[1]);
          value = value.slice(m[0].length);
          break;
        }
      }
    } catch (e) {
      if (e instanceof ParseFailure) fail(hold, stdStr);
      throw e;
    }
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    const date = civilFromDays(daysFromCivil(year, 1, 1) + yday - 1);
    if (date.year !== year || (month >= 0 && month !== date.month) || (day >= 0 && day !== date.day)) rangeError('day-of-year');
    month = date.month;
    day = date.day;
  }
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  if (day < 1 || day > daysInMonth(month, year)) rangeError('day');
  const civil: CivilTime = { year, month, day, hour, minute, second, nanosecond: nanos };
  return civilToUnixNanos(civil) - BigInt(offsetSeconds ?? 0) * 1_000_000_000n;
}

/** Go's skip: layout spaces match one or more spaces; other characters must match exactly. */
function skipPrefix(value: string, prefix: string): string | undefined {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') return undefined;
      prefix = prefix.replace(/^ +/, '');
      value = value.replace(/^ +/, '');
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return undefined;
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

function getNum(value: string, fixed: boolean): [number, string] {
  if (!isDigitAt(value, 0)) throw new ParseFailure();
  if (!isDigitAt(value, 1)) {
    if (fixed) throw new ParseFailure();
    return [Number(value[0]), value.slice(1)];
  }
  return [Number(value.slice(0, 2)), value.slice(2)];
}

function getNum3(value: string, fixed: boolean): [number, string] {
  const m = /^\d{1,3}/.exec(value);
  if (!m || (fixed && m[0].length !== 3)) throw new ParseFailure();
  return [Number(m[0]), value.slice(m[0].length)];
}

function fractionNanos(digits: string): number {
  return Number(digits.slice(0, 9).padEnd(9, '0'));
}

/** Go's Time.Format(layout). */
export function formatTime(t: ZonedTime, layout: string): string {
  let out = '';
  for (;;) {
    const { prefix, std, token, suffix } = nextChunk(layout);
    out += prefix;
    if (!std) break;
    layout = suffix;
    const pad2 = (n: number): string => String(n).padStart(2, '0');
    const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
    switch (std) {
      case 'Year': out += pad2(((t.year % 100) + 100) % 100); break;
      case 'LongYear': out += String(t.year).padStart(4, '0'); break;
      case 'Month': out += MONTHS[t.month - 1].slice(0, 3); break;
      case 'LongMonth': out += MONTHS[t.month - 1]; break;
      case 'NumMonth': out += String(t.month); break;
      case 'ZeroMonth': out += pad2(t.month); break;
      case 'WeekDay': out += WEEKDAYS[t.weekday].slice(0, 3); break;
      case 'LongWeekDay': out += WEEKDAYS[t.weekday]; break;
      case 'Day': out += String(t.day); break;
      case 'UnderDay': out += String(t.day).padStart(2, ' '); break;
      case 'ZeroDay': out += pad2(t.day); break;
      case 'UnderYearDay': out += String(t.yearDay).padStart(3, ' '); break;
      case 'ZeroYearDay': out += String(t.yearDay).padStart(3, '0'); break;
      case 'Hour': out += pad2(t.hour); break;
      case 'Hour12': out += String(hour12); break;
      case 'ZeroHour12': out += pad2(hour12); break;
      case 'Minute': out += String(t.minute); break;
      case 'ZeroMinute': out += pad2(t.minute); break;
      case 'Second': out += String(t.second); break;
      case 'ZeroSecond': out += pad2(t.second); break;
      case 'PM': out += t.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += t.hour >= 12 ? 'pm' : 'am'; break;
      case 'TZ': out += zoneAbbreviation(t.zone, Number(t.unixNanos / 1_000_000_000n), t.offsetSeconds); break;
      case 'ISO8601TZ':
      case 'NumTZ':
        out += formatOffset(t.offsetSeconds, token);
        break;
      case 'FracSecond0':
        out += token[0] + String(t.nanosecond).padStart(9, '0').slice(0, token.length - 1);
        break;
      case 'FracSecond9': {
        const digits = String(t.nanosecond).padStart(9, '0').slice(0, token.length - 1).replace(/0+$/, '');
        if (digits) out += token[0] + digits;
        break;
      }
    }
  }
  return out;
}

function formatOffset(offset: number, token: string): string {
  if (offset === 0 && token.startsWith('Z')) return 'Z';
  const form = token.slice(1);
  const abs = Math.abs(offset);
  const [hh, mm, ss] = [Math.floor(abs / 3600), Math.floor((abs % 3600) / 60), abs % 60].map((n) => String(n).padStart(2, '0'));
  const sign = offset < 0 ? '-' : '+';
  switch (form) {
    case '070000': return sign + hh + mm + ss;
    case '07:00:00': return `${sign}${hh}:${mm}:${ss}`;
    case '0700': return sign + hh + mm;
    case '07:00': return `${sign}${hh}:${mm}`;
    default: return sign + hh;
  }
}
