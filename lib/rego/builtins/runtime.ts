/**
 * opa.runtime: this engine has no runtime configuration, so it answers like an
 * unconfigured OPA (an empty object). Network builtins are in network.ts.
 */
import { RegoObject } from '../value';
import { defineBuiltin } from './registry';

defineBuiltin({ name: 'opa.runtime', args: [], nondeterministic: true, fn: () => new RegoObject() });
