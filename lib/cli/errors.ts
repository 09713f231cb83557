import { ConfigError } from '../config';
import { RegoError } from '../rego';
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
  } else if (error instanceof RegoError) {
    process.stderr.write(`${command}: policy evaluation failed:\n${error.message}\n`);
  } else if (error instanceof Error) {
    process.stderr.write(`${command}: ${error.stack ?? error.message}\n`);
  } else {
    process.stderr.write(`${command}: ${String(error)}\n`);
  }
  process.exit(1);
}
