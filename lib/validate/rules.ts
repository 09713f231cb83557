/**
 * Every check the validator makes, with the status it gives a resource. The ids appear in JSON,
 * JUnit and SARIF output, so they are part of the interface: add, never rename.
 */
export type RuleId =
  | 'api-deprecated'
  | 'api-not-yet-served'
  | 'api-removed'
  | 'duplicate-key'
  | 'int-or-string'
  | 'invalid-name'
  | 'missing-api-version'
  | 'missing-kind'
  | 'missing-name'
  | 'missing-schema'
  | 'not-an-object'
  | 'port-range'
  | 'rejected-kind'
  | 'schema'
  | 'unknown-field'
  | 'unreadable-path'
  | 'yaml-syntax';

/**
 * What a finding makes of its resource, as in kubeconform: `invalid` when the schema (or the API
 * server) says no, `error` when the resource could not be checked at all, `warning` leaves it valid.
 */
export type RuleEffect = 'error' | 'invalid' | 'warning';

/** A rule's effect and the one-line description shown in SARIF and `--help`. */
export interface RuleDescription {
  readonly effect: RuleEffect;
  readonly description: string;
}

/** Sorted by id. */
export const RULES: Readonly<Record<RuleId, RuleDescription>> = {
  'api-deprecated': { effect: 'warning', description: 'The apiVersion is deprecated in the target Kubernetes version and will be removed.' },
  'api-not-yet-served': { effect: 'invalid', description: 'The apiVersion is newer than the target Kubernetes version.' },
  'api-removed': { effect: 'invalid', description: 'The apiVersion is no longer served by the target Kubernetes version.' },
  'duplicate-key': { effect: 'error', description: 'A YAML mapping repeats a key; Kubernetes silently keeps the last value. An error with --strict, a warning otherwise (as kubeconform).' },
  'int-or-string': { effect: 'invalid', description: 'An int-or-string field holds a string Kubernetes rejects (e.g. a percentage without %).' },
  'invalid-name': { effect: 'invalid', description: 'metadata.name or metadata.namespace is not a valid DNS-1123 name for the kind.' },
  'missing-api-version': { effect: 'error', description: 'The document has no apiVersion.' },
  'missing-kind': { effect: 'error', description: 'The document has no kind.' },
  'missing-name': { effect: 'invalid', description: 'The resource has neither metadata.name nor metadata.generateName.' },
  'missing-schema': { effect: 'error', description: 'No schema is known for the apiVersion and kind.' },
  'not-an-object': { effect: 'error', description: 'The document is not a mapping.' },
  'port-range': { effect: 'invalid', description: 'A port number is outside 1-65535 or a port name is not a valid IANA service name.' },
  'rejected-kind': { effect: 'error', description: 'The kind is listed in --reject.' },
  schema: { effect: 'invalid', description: 'The resource does not match its OpenAPI schema.' },
  'unknown-field': { effect: 'invalid', description: 'The field is not in the schema (strict mode); Argo CD would show the resource as OutOfSync forever.' },
  'unreadable-path': { effect: 'error', description: 'A path given to the command does not exist or cannot be read; the other paths are still validated.' },
  'yaml-syntax': { effect: 'error', description: 'The document is not valid YAML or JSON.' },
};
