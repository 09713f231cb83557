import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { podSpecKinds } from './pod-spec-kinds';

/** One Secret that objects of a chart read: which keys (all of it when `wholeSecret`) and who reads it. */
export interface SecretReference {
  readonly name: string;
  /** Keys read through `secretKeyRef`, sorted. */
  readonly keys: readonly string[];
  /** Read whole (envFrom, a secret volume or projection), so every key must exist. */
  readonly wholeSecret: boolean;
  /** `Kind/name` of each object that reads it, sorted. */
  readonly readers: readonly string[];
  /** The Argo CD hook phases (`PreSync`…) of the readers that are hooks, sorted. */
  readonly hookPhases: readonly string[];
  /** Whether any reader is an ordinary (non-hook) object. */
  readonly readByNonHook: boolean;
}

const hookAnnotation = 'argocd.argoproj.io/hook';

/**
 * Only objects that hold a pod spec, the only place these references live, are rendered to be
 * read: rendering every object of a large chart a second time took a quarter of synthesis at 1,000
 * services.
 */
const readerKinds = new Set(podSpecKinds.map(({ kind }) => kind));

/**
 * Every Secret the API objects under `scope` read: `secretKeyRef` (env), `secretRef` (envFrom),
 * `secret.secretName` (volumes) and `secret.name` (projected volumes), wherever a pod spec holds
 * them. Reading the rendered objects, rather than the configuration, means a Secret reference added
 * to any pod spec later is found too. Sorted by name.
 */
export function secretReferences(scope: Construct): SecretReference[] {
  const found = new Map<string, { keys: Set<string>; wholeSecret: boolean; readers: Set<string>; hookPhases: Set<string>; readByNonHook: boolean }>();
  for (const object of scope.node.findAll()) {
    if (!(object instanceof ApiObject) || !readerKinds.has(object.kind)) continue;
    const reader = `${object.kind}/${object.name}`;
    const json = object.toJson();
    const hook: string | undefined = json.metadata?.annotations?.[hookAnnotation];
    const note = (name: unknown, key?: unknown) => {
      if (typeof name !== 'string') return;
      const entry = found.get(name) ?? { keys: new Set(), wholeSecret: false, readers: new Set(), hookPhases: new Set(), readByNonHook: false };
      if (typeof key === 'string') entry.keys.add(key);
      else entry.wholeSecret = true;
      entry.readers.add(reader);
      if (hook === undefined) entry.readByNonHook = true;
      else entry.hookPhases.add(hook);
      found.set(name, entry);
    };
    visit(json, (key, value) => {
      if (key === 'secretKeyRef') note(value.name, value.key);
      else if (key === 'secretRef') note(value.name);
      else if (key === 'secret') note(value.secretName ?? value.name);
    });
  }
  return [...found.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, entry]) => ({
      name,
      keys: [...entry.keys].sort(),
      wholeSecret: entry.wholeSecret,
      readers: [...entry.readers].sort(),
      hookPhases: [...entry.hookPhases].sort(),
      readByNonHook: entry.readByNonHook,
    }));
}

/** Calls `onObject` for every (key, object value) pair in a JSON tree. */
function visit(node: unknown, onObject: (key: string, value: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, onObject);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) onObject(key, value as Record<string, unknown>);
      visit(value, onObject);
    }
  }
}
