/**
 * Calendar arithmetic over Unix nanoseconds the way Go's time package does it:
 * proleptic Gregorian dates, IANA time zones (through Intl), AddDate
 * normalisation (Jan 31 + 1 month = Mar 3) and the int64 nanosecond range.
 */

/** A civil (wall-clock) date and time. */
export interface CivilTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
}

/** An instant seen in a zone. */
export interface ZonedTime extends CivilTime {
  readonly unixNanos: bigint;
  readonly offsetSeconds: number;
  readonly zone: string;
  readonly weekday: number; // 0 = Sunday
  readonly yearDay: number; // 1-366
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

const NANOS_PER_SECOND = 1_000_000_000n;
export const MIN_INT64 = -(1n << 63n);
export const MAX_INT64 = (1n << 63n) - 1n;

/** Days since 1970-01-01 of a proleptic Gregorian date (month may overflow; Go normalises the same way). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const monthIndex = month - 1;
  const y = year + Math.floor(monthIndex / 12);
  const m = ((monthIndex % 12) + 12) % 12 + 1;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + (day - 1);
}

/** The civil date of a day count since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(month: number, year: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Unix nanoseconds of a civil time read as UTC (fields may overflow and are normalised). */
export function civilToUnixNanos(c: CivilTime): bigint {
  const days = daysFromCivil(c.year, c.month, 1) + (c.day - 1);
  const seconds = BigInt(days) * 86400n + BigInt(c.hour * 3600 + c.minute * 60 + c.second);
  return seconds * NANOS_PER_SECOND + BigInt(c.nanosecond);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Throws Go's message for an unknown zone name. */
export function checkZone(zone: string): void {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return;
  try {
    zoneFormatter(zone);
  } catch {
    throw new Error(`unknown time zone ${zone}`);
  }
}

function zoneFormatter(zone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset', year: 'numeric' });
    offsetFormatters.set(zone, f);
  }
  return f;
}

/** UTC offset in seconds of `zone` at the instant `unixSeconds`. "" and "Local" mean UTC (OPA runs in UTC here). */
export function zoneOffset(zone: string, unixSeconds: number): number {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return 0;
  const name = zoneFormatter(zone).formatToParts(new Date(unixSeconds * 1000)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?/.exec(name);
  if (!m) return 0;
  const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? -seconds : seconds;
}

/** Short zone abbreviation as Go prints it for `MST` layouts (e.g. "UTC", "CET", "+0530"). */
export function zoneAbbreviation(zone: string, unixSeconds: number, offsetSeconds: number): string {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return 'UTC';
  const short = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(new Date(unixSeconds * 1000)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  if (/^[A-Z]{2,5}$/.test(short)) return short;
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = abs % 3600 === 0 ? '' : String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  return `${sign}${hh}${mm}`;
}

/** The instant `unixNanos` seen in `zone`. */
export function inZone(unixNanos: bigint, zone: string): ZonedTime {
  const seconds = floorDiv(unixNanos, NANOS_PER_SECOND);
  const nanosecond = Number(unixNanos - seconds * NANOS_PER_SECOND);
  const offsetSeconds = zoneOffset(zone, Number(seconds));
  const local = Number(seconds) + offsetSeconds;
  const days = Math.floor(local / 86400);
  const secOfDay = local - days * 86400;
  const { year, month, day } = civilFromDays(days);
  return {
    unixNanos,
    offsetSeconds,
    zone,
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    nanosecond,
    weekday: (((days + 4) % 7) + 7) % 7,
    yearDay: days - daysFromCivil(year, 1, 1) + 1,
  };
}

/** Go's time.Date(…, loc): a (possibly overflowing) civil time in `zone` to Unix nanoseconds. */
export function fromCivil(c: CivilTime, zone: string): bigint {
  const asUtc = civilToUnixNanos(c);
  const guess = Number(floorDiv(asUtc, NANOS_PER_SECOND));
  let offset = zoneOffset(zone, guess);
  const corrected = zoneOffset(zone, guess - offset);
  if (corrected !== offset) offset = corrected;
  return asUtc - BigInt(offset) * NANOS_PER_SECOND;
}

/** Go's Time.AddDate in the time's own zone. */
export function addDate(t: ZonedTime, years: number, months: number, days: number): bigint {
  return fromCivil({ ...t, year: t.year + years, month: t.month + months, day: t.day + days }, t.zone);
}

/** Throws OPA's error when an instant does not fit int64 nanoseconds. */
export function checkNanosRange(unixNanos: bigint): bigint {
  if (unixNanos < MIN_INT64 || unixNanos > MAX_INT64) throw new Error('time outside of valid range');
  return unixNanos;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}
