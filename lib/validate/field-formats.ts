/**
 * Value checks the OpenAPI schemas cannot express: port ranges and the string forms of
 * int-or-string fields. Applied by field name to fields the schema knows, so free-form data (Helm
 * values inside an Argo CD Application) is left alone.
 */
import type { RuleId } from './rules';

/** A value problem found by field name. */
export interface FormatProblem {
  readonly rule: RuleId;
  readonly message: string;
}

const MIN_PORT = 1;
const MAX_PORT = 65535;

/** Fields holding a port number. `targetPort` may instead name a container port, `port` a container or Service port. */
const PORT_FIELDS: ReadonlySet<string> = new Set(['containerPort', 'endPort', 'port', 'targetPort']);
/** Port fields where 0 means "not set" (the API server picks, or no host port). */
const OPTIONAL_PORT_FIELDS: ReadonlySet<string> = new Set(['hostPort', 'nodePort']);
/** int-or-string fields whose string form must be a percentage. */
const PERCENT_FIELDS: ReadonlySet<string> = new Set(['maxSurge', 'maxUnavailable', 'minAvailable']);

/** IANA_SVC_NAME (container port names): at most 15 lower-case letters, digits and single hyphens, with a letter. */
const SERVICE_NAME = /^[a-z0-9]([a-z0-9]|-(?=[a-z0-9]))*$/;
/** DNS-1123 label (Service port names, which `port` may also refer to). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PERCENT = /^[0-9]+%$/;

/**
 * Checks one known field's value given its name and its parent's name; undefined when fine or not
 * a field this module knows about.
 */
export function checkFieldFormat(field: string, parentField: string | undefined, value: unknown): FormatProblem | undefined {
  if (PORT_FIELDS.has(field) || (field === 'number' && parentField === 'port')) return checkPort(field, value);
  if (OPTIONAL_PORT_FIELDS.has(field)) return value === 0 ? undefined : checkPort(field, value);
  if (PERCENT_FIELDS.has(field)) return checkPercent(value);
  return undefined;
}

function checkPort(field: string, value: unknown): FormatProblem | undefined {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= MIN_PORT && value <= MAX_PORT) return undefined;
    return { rule: 'port-range', message: `port ${value} is out of range: use a number from ${MIN_PORT} to ${MAX_PORT}` };
  }
  if (typeof value === 'string' && field === 'port') {
    if (value.length <= 63 && DNS_LABEL.test(value)) return undefined;
    return {
      rule: 'port-range',
      message: `port name ${JSON.stringify(value)} is not a valid port name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit`,
    };
  }
  if (typeof value === 'string' && field === 'targetPort') {
    if (value.length <= 15 && SERVICE_NAME.test(value) && /[a-z]/.test(value)) return undefined;
    return {
      rule: 'port-range',
      message: `port name ${JSON.stringify(value)} is not a valid IANA service name: use at most 15 lower-case letters, digits and single '-', with at least one letter`,
    };
  }
  return undefined;
}

function checkPercent(value: unknown): FormatProblem | undefined {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0) return undefined;
    return { rule: 'int-or-string', message: `${value} must be a whole number of at least 0 or a percentage like "25%"` };
  }
  if (typeof value === 'string' && !PERCENT.test(value)) {
    return { rule: 'int-or-string', message: `${JSON.stringify(value)} must be a percentage like "25%" or a whole number` };
  }
  return undefined;
}
