/**
 * Cases skipped on purpose, each with its reason (listed in the report; never
 * silent): a case's own `skip` field, and rego-cpp cases that test rego-cpp's
 * own extensions rather than OPA's semantics.
 */
import { LoadedCase } from './cases';

/** Notes of rego-cpp cases that exercise rego-cpp-only behaviour, with why. */
const REGO_CPP_EXTENSIONS: ReadonlyMap<string, string> = new Map<string, string>([]);

/** Why a case is skipped, or undefined to run it. */
export function skipReason(c: LoadedCase): string | undefined {
  const s = c.spec.skip;
  if (s) return typeof s === 'string' ? `marked skip: ${s}` : 'marked skip in the case file';
  return REGO_CPP_EXTENSIONS.get(c.spec.note);
}
