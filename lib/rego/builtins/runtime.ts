/**
 * Builtins that need the outside world. The engine has no network and no
 * runtime configuration, so they exist (policies compile and tests can mock
 * them with `with`) but behave as OPA does when nothing is configured.
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
