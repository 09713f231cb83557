import * as path from 'path';
import { findManifestFiles, ManifestInputError, parseManifests, readManifests } from '../../lib/manifest';

const TREE = path.join('test', 'fixtures', 'manifest', 'tree');

describe('findManifestFiles', () => {
  it('walks folders recursively for yaml, yml and json files, sorted', () => {
    expect(findManifestFiles([TREE])).toEqual([
      path.join(TREE, 'a.yaml'),
      path.join(TREE, 'nested', 'b.json'),
      path.join(TREE, 'nested', 'c.yml'),
    ]);
  });

  it('takes a named file whatever its ending, once', () => {
    const notes = path.join(TREE, 'notes.txt');
    expect(findManifestFiles([notes, notes])).toEqual([notes]);
  });

  it('names a missing path and what to do', () => {
    expect(() => findManifestFiles(['no/such/dir'])).toThrow(ManifestInputError);
    expect(() => findManifestFiles(['no/such/dir'])).toThrow('no/such/dir: no such file or folder; pass existing files or folders of manifests');
  });
});

describe('readManifests', () => {
  it('reads every document of every file in order', () => {
    const set = readManifests([TREE]);
    expect(set.files).toHaveLength(3);
    expect(set.documents.map((d) => `${path.basename(d.file)}#${d.index}@${d.line}`)).toEqual(['a.yaml#0@1', 'a.yaml#1@6', 'b.json#0@1']);
  });
});

describe('parseManifests', () => {
  it('parses texts held in memory as readManifests reads files: sorted by name, documents in order', () => {
    const set = parseManifests(new Map([['b.yaml', 'kind: B\n'], ['a.yaml', 'kind: A1\n---\nkind: A2\n']]));
    expect(set.files).toEqual(['a.yaml', 'b.yaml']);
    expect(set.documents.map((d) => [d.file, d.index, d.line, d.object])).toEqual([
      ['a.yaml', 0, 1, { kind: 'A1' }],
      ['a.yaml', 1, 3, { kind: 'A2' }],
      ['b.yaml', 0, 1, { kind: 'B' }],
    ]);
  });
});
