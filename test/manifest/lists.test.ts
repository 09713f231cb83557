import { expandList, isResourceList, parseManifest } from '../../lib/manifest';

const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: first
  - apiVersion: v1
    kind: Service
    metadata:
      name: second
      name: again
`;

describe('isResourceList', () => {
  it('knows List and typed lists with an items array', () => {
    expect(isResourceList({ kind: 'List', items: [] })).toBe(true);
    expect(isResourceList({ kind: 'ConfigMapList', items: [{}] })).toBe(true);
  });

  it('leaves other kinds, and lists without an items array, alone', () => {
    expect(isResourceList({ kind: 'Deployment', items: [] })).toBe(false);
    expect(isResourceList({ kind: 'List', items: 'none' })).toBe(false);
    expect(isResourceList(['List'])).toBe(false);
  });
});

describe('expandList', () => {
  it('turns a List into its items, each with its item index, its own lines and its own repeated keys', () => {
    const [list] = parseManifest(LIST, 'list.yaml');
    const items = expandList(list);
    expect(items.map((item) => [item.file, item.index, item.item, item.line, item.object])).toEqual([
      ['list.yaml', 0, 0, 4, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'first' } }],
      ['list.yaml', 0, 1, 8, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'again' } }],
    ]);
    expect(items[1].lineOf('/metadata/name')).toBe(12);
    expect(items[0].duplicateKeys).toEqual([]);
    expect(items[1].duplicateKeys).toEqual([{ key: 'name', mapping: '/metadata', line: 12, column: 7 }]);
  });

  it('returns any other document as it is', () => {
    const [document] = parseManifest('apiVersion: v1\nkind: ConfigMap\n', 'c.yaml');
    expect(expandList(document)).toEqual([document]);
  });
});
