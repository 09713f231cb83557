import { appendPointer, parsePointer } from '../manifest';
import type { FieldProblem } from './field-check';
import type { AjvError } from './field-tree';

/**
 * Turns the ajv errors of a generated validator into one readable problem per field. ajv reports an
 * int-or-string or quantity mismatch as several errors at one path (one per `oneOf` branch plus the
 * `oneOf` itself); they are merged into one message.
 */
export function schemaProblems(errors: readonly AjvError[], resource: unknown): FieldProblem[] {
  const byPath = new Map<string, AjvError[]>();
  for (const error of errors) {
    const path = error.keyword === 'required' ? appendPointer(error.instancePath, String(error.params.missingProperty)) : error.instancePath;
    const group = byPath.get(path);
    if (group) group.push(error);
    else byPath.set(path, [error]);
  }
  const problems: FieldProblem[] = [];
  for (const [path, group] of byPath) {
    const value = valueAt(resource, path);
    for (const message of new Set(messagesFor(group, value))) problems.push({ rule: 'schema', path, message });
  }
  return problems;
}

function messagesFor(errors: readonly AjvError[], value: unknown): string[] {
  const format = errors.find((error) => error.keyword === 'format');
  // A format failure explains the branch mismatches next to it (a quantity is "a number or a quantity string").
  if (format) return [formatMessage(String(format.params.format), value)];
  const types = errors.filter((error) => error.keyword === 'type').map((error) => String(error.params.type));
  const others = errors.filter((error) => error.keyword !== 'type' && error.keyword !== 'oneOf' && error.keyword !== 'anyOf');
  const messages = others.map((error) => keywordMessage(error, value));
  if (types.length > 0) messages.unshift(`expected ${[...new Set(types)].sort().join(' or ')}, got ${describeType(value)}${unquotedHint(types, value)}`);
  if (messages.length === 0) messages.push(`does not match any of the allowed forms (${errors[0].keyword})`);
  return messages;
}

/** Where text was expected, an unquoted YAML 1.1 word or octal number is the likely cause: say how to fix it. */
function unquotedHint(types: readonly string[], value: unknown): string {
  if (!types.every((type) => type === 'string')) return '';
  if (typeof value === 'boolean') return ` ${value}: quote the value to keep it text (Kubernetes reads unquoted yes, no, on, off, y and n as booleans)`;
  if (typeof value === 'number') return ': quote the value to keep it text (Kubernetes reads unquoted numbers as numbers, and 0644 as octal 420)';
  return '';
}

function keywordMessage(error: AjvError, value: unknown): string {
  const params = error.params;
  switch (error.keyword) {
    case 'required':
      return `missing required field ${JSON.stringify(params.missingProperty)}`;
    case 'enum':
      return `${JSON.stringify(value)} is not allowed: use one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'pattern':
      return `${JSON.stringify(value)} does not match the pattern ${String(params.pattern)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${JSON.stringify(value)} must be ${String(params.comparison)} ${String(params.limit)}`;
    case 'minLength':
    case 'maxLength':
      return `must have ${error.keyword === 'minLength' ? 'at least' : 'at most'} ${String(params.limit)} characters`;
    case 'minItems':
    case 'maxItems':
      return `must have ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${String(params.limit)} items`;
    case 'minProperties':
    case 'maxProperties':
      return `must have ${error.keyword === 'minProperties' ? 'at least' : 'at most'} ${String(params.limit)} entries`;
    case 'uniqueItems':
      return `items ${String(params.j)} and ${String(params.i)} are identical; list items must be unique`;
    case 'x-list-map-keys-unique':
      return `items ${String(params.j)} and ${String(params.i)} have the same ${(params.keys as string[]).join(', ')}: the keys of a map-type list (x-kubernetes-list-map-keys) must be unique`;
    default:
      return `fails the schema's ${error.keyword} constraint ${JSON.stringify(params)}`;
  }
}

const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  quantity: 'a Kubernetes quantity such as 500Mi, 2Gi, 250m or 0.5 (suffixes are case-sensitive)',
  int32: 'a whole number that fits in 32 bits',
  int64: 'a whole number that fits in 64 bits',
  'date-time': 'an RFC 3339 date-time such as 2024-01-31T12:00:00Z',
  byte: 'base64-encoded data',
};

function formatMessage(format: string, value: unknown): string {
  return `${JSON.stringify(value)} is not ${FORMAT_EXAMPLES[format] ?? `a valid ${format}`}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? `integer ${value}` : `number ${value}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return typeof value;
}

function valueAt(resource: unknown, pointer: string): unknown {
  let value = resource;
  for (const segment of parsePointer(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
