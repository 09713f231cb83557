import { ConfigError } from '../config';
import type { RegoError } from '../rego';
import { ConstructValidationError } from '../synth';

/**
 * Prints a failure the way users should read it: configuration, construct and policy-evaluation
 * errors as their located messages, anything unexpected with its stack (that is a bug worth
 * reporting), and exits 1.
 */
export function exitWithError(command: string, error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${command}: invalid configuration:\n${error.message}\n`);
  } else if (error instanceof ConstructValidationError) {
    process.stderr.write(`${command}: ${error.message}\n`);
  } else if (isRegoError(error)) {
    process.stderr.write(`${command}: policy evaluation failed:\n${error.message}\n`);
  } else if (error instanceof Error) {
    process.stderr.write(`${command}: ${error.stack ?? error.message}\n`);
  } else {
    process.stderr.write(`${command}: ${String(error)}\n`);
  }
  process.exit(1);
}

/** By name, not instanceof: synth shares this file and must not load the Rego engine to print its errors. */
function isRegoError(error: unknown): error is RegoError {
  return error instanceof Error && error.name === 'RegoError';
}
