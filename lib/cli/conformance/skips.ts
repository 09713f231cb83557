/**
 * Cases skipped on purpose, each with its reason (listed in the report; never
 * silent): a case's own `skip` field, and rego-cpp cases that test rego-cpp's
 * own extensions rather than OPA's semantics.
 */
import { LoadedCase } from './cases';

const DURATION_UNITS = "rego-cpp extension: time.parse_duration_ns accepts d/w/y units; OPA uses Go's time.ParseDuration, which has no such units";
const JWT_SUB = 'expects io.jwt.decode_verify to take a "sub" constraint; OPA rejects unknown constraints ("unknown token validation constraint: sub"), so the call is undefined';
const GO_FMT = "rego-cpp's own sprintf output; OPA formats with Go's fmt, which prints this verb as we do";

/** Notes of rego-cpp cases that exercise rego-cpp-only behaviour, with why. */
const REGO_CPP_EXTENSIONS: ReadonlyMap<string, string> = new Map<string, string>([
  ['regocpp/parse-duration-ns-day', DURATION_UNITS],
  ['regocpp/parse-duration-ns-mixed', DURATION_UNITS],
  ['regocpp/parse-duration-ns-week', DURATION_UNITS],
  ['regocpp/parse-duration-ns-year', DURATION_UNITS],
  ['regocpp/time-parse-duration-unknown-unit', `${DURATION_UNITS} (OPA stops at the unknown unit "d")`],
  ['regocpp/time-parse-duration-exponent-superset', 'rego-cpp extension: accepts exponents in durations, which Go\'s time.ParseDuration (used by OPA) rejects'],
  ['regocpp/units-parse-deci-superset', 'rego-cpp extension: accepts the "d" (deci) suffix, which OPA\'s units.parse does not'],
  ['regocpp/sprintf-unknown-verb-n', GO_FMT],
  ['regocpp/sprintf-unknown-verb-star', GO_FMT],
  ['regocpp/uri-is-valid-control-byte', 'rego-cpp extension: uri.is_valid is not an OPA builtin'],
  ['regocpp/uri-is-valid-ok', 'rego-cpp extension: uri.is_valid is not an OPA builtin'],
  ['regocpp/uri-parse-ipv6-zone', 'rego-cpp extension: uri.parse is not an OPA builtin'],
  ['regocpp/uri-parse-opaque', 'rego-cpp extension: uri.parse is not an OPA builtin'],
  ['regocpp/stringinterp', 'rego-cpp extension: $"..." string interpolation is not in the OPA grammar this engine follows'],
  ['regocpp/stringinterp-with', 'rego-cpp extension: $"..." string interpolation is not in the OPA grammar this engine follows'],
  ['regocpp/bug154', "expects rego-cpp's own recursion message; the error code (rego_recursion_error) matches and the message is OPA's"],
  ['regocpp/jwt-sub-match', JWT_SUB],
  ['regocpp/jwt-sub-mismatch', JWT_SUB],
  ['regocpp/regex-zero-match-utf8', 'expects 4 empty matches in "café"; Go\'s regexp (used by OPA) finds one at every rune boundary including the end: 5'],
  ['regocpp/globs-match-trailing-escape-error', 'expects the message with a doubled backslash; OPA\'s glob-intersection library writes "input ends with a \\ (escape) character" with one'],
]);

/** Why a case is skipped, or undefined to run it. */
export function skipReason(c: LoadedCase): string | undefined {
  const s = c.spec.skip;
  if (s) return typeof s === 'string' ? `marked skip: ${s}` : 'marked skip in the case file';
  if (c.file.endsWith('bigint.yaml') && c.folder === 'rego-cpp') {
    return "rego-cpp's speculative big-integer file (its header says it is not part of the compliance suite): expects integer division and one result per variable, unlike OPA";
  }
  return REGO_CPP_EXTENSIONS.get(c.spec.note);
}
