/**
 * Builtins that need the outside world this engine does not have (network,
 * runtime configuration). They exist so policies compile and tests can mock
 * them with `with`; called for real they answer like an unconfigured OPA
 * (opa.runtime) or raise a builtin error.
 */
import { RegoObject } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';

defineBuiltin({ name: 'opa.runtime', args: [], nondeterministic: true, fn: () => new RegoObject() });

defineBuiltin({
  name: 'http.send',
  args: [T.object],
  nondeterministic: true,
  fn: () => {
    throw new BuiltinError('network access is not available in this engine; mock it in tests with `with http.send as ...`');
  },
});
