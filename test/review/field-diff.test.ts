import { diffFields, leafCount, sameValue, type FieldChange } from '../../lib/review/field-diff';
import { formatPath } from '../../lib/review/field-path';

/** Changes as `<kind> <path>: <before> -> <after>` for compact expectations. */
function summarize(changes: FieldChange[]): string[] {
  return changes.map((c) => `${c.kind} ${formatPath(c.path)}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`);
}

describe('diffFields', () => {
  it('finds no change when only key order differs', () => {
    expect(diffFields({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
  });

  it('reports added, removed and changed keys with sorted paths', () => {
    expect(summarize(diffFields({ b: 1, c: 2, z: 1 }, { a: 0, b: 1, c: 3 }))).toEqual([
      'added a: undefined -> 0',
      'changed c: 2 -> 3',
      'removed z: 1 -> undefined',
    ]);
  });

  it('tells a number from a string of the same digits', () => {
    expect(summarize(diffFields({ port: 8080 }, { port: '8080' }))).toEqual(['changed port: 8080 -> "8080"']);
  });

  it('reports a value that changes type as a whole', () => {
    expect(summarize(diffFields({ limits: { cpu: '1' } }, { limits: 'none' }))).toEqual(['changed limits: {"cpu":"1"} -> "none"']);
  });

  it('matches list items by name regardless of their order', () => {
    const before = { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] };
    const after = { env: [{ name: 'C', value: '3' }, { name: 'B', value: '2' }, { name: 'A', value: '9' }] };
    expect(summarize(diffFields(before, after))).toEqual([
      'added env[name=C]: undefined -> {"name":"C","value":"3"}',
      'changed env[name=A].value: "1" -> "9"',
    ]);
  });

  it('falls back to mountPath when items have no unique name', () => {
    const before = { volumeMounts: [{ name: 'data', mountPath: '/a' }, { name: 'data', mountPath: '/b', subPath: 'x' }] };
    const after = { volumeMounts: [{ name: 'data', mountPath: '/b', subPath: 'y' }, { name: 'data', mountPath: '/a' }] };
    expect(summarize(diffFields(before, after))).toEqual(['changed volumeMounts[mountPath=/b].subPath: "x" -> "y"']);
  });

  it('matches Service ports by port when they have no names', () => {
    const before = { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] };
    const after = { ports: [{ port: 443, targetPort: 9443 }, { port: 80, targetPort: 8080 }] };
    expect(summarize(diffFields(before, after))).toEqual(['changed ports[port=443].targetPort: 8443 -> 9443']);
  });

  it('compares lists of unnamed mappings position by position', () => {
    const before = { rules: [{ verbs: ['get'] }, { verbs: ['list'] }] };
    const after = { rules: [{ verbs: ['get'] }] };
    expect(summarize(diffFields(before, after))).toEqual(['removed rules[1]: {"verbs":["list"]} -> undefined']);
  });

  it('reports a list of scalars as one value', () => {
    expect(summarize(diffFields({ args: ['--a', '--b'] }, { args: ['--b', '--a'] }))).toEqual(['changed args: ["--a","--b"] -> ["--b","--a"]']);
  });

  it('reports a new order of init containers, which run one after another', () => {
    const before = { initContainers: [{ name: 'migrate' }, { name: 'seed' }] };
    const after = { initContainers: [{ name: 'seed' }, { name: 'migrate' }] };
    expect(summarize(diffFields(before, after))).toEqual(['reordered initContainers: ["migrate","seed"] -> ["seed","migrate"]']);
  });

  it('does not report the order of containers, which start together', () => {
    expect(diffFields({ containers: [{ name: 'a' }, { name: 'b' }] }, { containers: [{ name: 'b' }, { name: 'a' }] })).toEqual([]);
  });
});

describe('formatPath', () => {
  it('quotes keys that are not plain identifiers', () => {
    expect(formatPath([{ key: 'metadata' }, { key: 'labels' }, { key: 'app.kubernetes.io/name' }])).toBe('metadata.labels["app.kubernetes.io/name"]');
  });

  it('writes list positions and named items', () => {
    expect(formatPath([{ key: 'rules' }, { index: 0 }, { key: 'containers' }, { field: 'name', value: 'api' }])).toBe('rules[0].containers[name=api]');
  });

  it('writes the whole resource as a dot', () => {
    expect(formatPath([])).toBe('.');
  });
});

describe('sameValue and leafCount', () => {
  it('treats mappings with the same entries in another order as equal, and lists in another order as different', () => {
    expect(sameValue({ a: [1, 2], b: null }, { b: null, a: [1, 2] })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });

  it('counts scalar leaves, an empty collection as one', () => {
    expect(leafCount({ a: 1, b: [2, 3], c: {}, d: { e: 'x' } })).toBe(5);
    expect(leafCount(undefined)).toBe(0);
  });
});
