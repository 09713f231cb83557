/**
 * Time builtins (OPA topdown/time.go). Times are Unix nanoseconds (int64);
 * a time operand is either ns or [ns, zone] (or [ns, zone, layout] for
 * time.format). time.now_ns is fixed for one evaluation (ctx.nowNs).
 */
import { isInteger, normalizeBig, toBigInt } from '../number';
import { Value, isArray, isNumber, isString } from '../value';
import { BuiltinError, BuiltinTypeError, T, defineBuiltin, operandError } from './registry';
import { parseGoDuration } from './go/duration';
import { NAMED_LAYOUTS, RFC3339, RFC3339_NANO, formatTime, parseTime } from './go/time-layout';
import { MAX_INT64, MIN_INT64, WEEKDAYS, ZonedTime, addDate, checkNanosRange, checkZone, daysInMonth, inZone } from './go/time';
import { intOperand } from './operand-helpers';

const TIME_OPERAND = 'either number (ns) or [number (ns), string (tz)]';
const timeArg = { name: 'any', check: () => true };

/** OPA's tzTime: the instant, its zone and an optional layout. */
function zonedOperand(v: Value): { time: ZonedTime; layout: string } {
  let ns: Value;
  let zone = '';
  let layout = '';
  if (isArray(v)) {
    if (v.length === 0) throw operandError(1, TIME_OPERAND, v);
    ns = v[0];
    if (!isNumber(ns)) throw operandError(1, 'number', ns);
    if (v.length > 1) {
      if (!isString(v[1])) throw operandError(1, 'string', v[1]);
      zone = v[1];
    }
    if (v.length > 2) {
      if (!isString(v[2])) throw operandError(1, 'string', v[2]);
      layout = v[2];
    }
  } else if (isNumber(v)) {
    ns = v;
  } else {
    throw operandError(1, TIME_OPERAND, v);
  }
  if (!isInteger(ns) || toBigInt(ns) < MIN_INT64 || toBigInt(ns) > MAX_INT64) throw new BuiltinError('timestamp too big');
  try {
    checkZone(zone);
  } catch (e) {
    throw new BuiltinError((e as Error).message);
  }
  return { time: inZone(toBigInt(ns), zone), layout };
}

function wrapped<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error && !(e instanceof BuiltinError) && !(e instanceof BuiltinTypeError)) throw new BuiltinError(e.message);
    throw e;
  }
}

defineBuiltin({ name: 'time.now_ns', args: [], nondeterministic: true, fn: (_args, ctx) => normalizeBig(ctx.nowNs) });

defineBuiltin({
  name: 'time.parse_rfc3339_ns',
  args: [T.string],
  fn: ([value]) => wrapped(() => normalizeBig(checkNanosRange(parseTime(RFC3339, value as string)))),
});

defineBuiltin({
  name: 'time.parse_ns',
  args: [T.string, T.string],
  fn: ([layout, value]) => wrapped(() => normalizeBig(checkNanosRange(parseTime(NAMED_LAYOUTS[layout as string] ?? (layout as string), value as string)))),
});

defineBuiltin({
  name: 'time.parse_duration_ns',
  args: [T.string],
  fn: ([value]) => wrapped(() => normalizeBig(parseGoDuration(value as string))),
});

defineBuiltin({
  name: 'time.format',
  args: [timeArg],
  fn: ([x]) => {
    const { time, layout } = zonedOperand(x);
    return formatTime(time, layout === '' ? RFC3339_NANO : NAMED_LAYOUTS[layout] ?? layout);
  },
});

defineBuiltin({
  name: 'time.date',
  args: [timeArg],
  fn: ([x]) => {
    const { time } = zonedOperand(x);
    return [time.year, time.month, time.day];
  },
});

defineBuiltin({
  name: 'time.clock',
  args: [timeArg],
  fn: ([x]) => {
    const { time } = zonedOperand(x);
    return [time.hour, time.minute, time.second];
  },
});

defineBuiltin({ name: 'time.weekday', args: [timeArg], fn: ([x]) => WEEKDAYS[zonedOperand(x).time.weekday] });

defineBuiltin({
  name: 'time.add_date',
  args: [timeArg, T.number, T.number, T.number],
  fn: ([x, years, months, days]) => {
    const { time } = zonedOperand(x);
    const result = addDate(time, intOperand(years, 2), intOperand(months, 3), intOperand(days, 4));
    return wrapped(() => normalizeBig(checkNanosRange(result)));
  },
});

defineBuiltin({
  name: 'time.diff',
  args: [timeArg, timeArg],
  fn: ([a, b]) => {
    let t1 = zonedOperand(a).time;
    let t2 = zonedOperand(b).time;
    if (t1.zone !== t2.zone) t2 = inZone(t2.unixNanos, t1.zone);
    if (t1.unixNanos > t2.unixNanos) [t1, t2] = [t2, t1];
    let year = t2.year - t1.year;
    let month = t2.month - t1.month;
    let day = t2.day - t1.day;
    let hour = t2.hour - t1.hour;
    let minute = t2.minute - t1.minute;
    let second = t2.second - t1.second;
    // Borrow like Go's date arithmetic (icza/gox, as used by OPA).
    if (second < 0) [second, minute] = [second + 60, minute - 1];
    if (minute < 0) [minute, hour] = [minute + 60, hour - 1];
    if (hour < 0) [hour, day] = [hour + 24, day - 1];
    if (day < 0) {
      day += daysInMonth(t1.month, t1.year);
      month--;
    }
    if (month < 0) [month, year] = [month + 12, year - 1];
    return [year, month, day, hour, minute, second];
  },
});
