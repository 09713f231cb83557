import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { discoverManifestFiles, findManifestFiles, ManifestInputError, parseManifests, readManifestFiles, readManifests } from '../../lib/manifest';

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

describe('discoverManifestFiles', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-files-'));
    fs.mkdirSync(path.join(root, 'real'));
    fs.writeFileSync(path.join(root, 'real', 'a.yaml'), 'kind: A\n');
    fs.writeFileSync(path.join(root, 'real', 'crd.yaml'), 'kind: CustomResourceDefinition\n');
    fs.mkdirSync(path.join(root, 'app'));
    fs.symlinkSync(path.join(root, 'real', 'a.yaml'), path.join(root, 'app', 'linked.yaml'));
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'app', 'linked-folder'));
    fs.symlinkSync(path.join(root, 'app'), path.join(root, 'app', 'loop'));
    fs.symlinkSync(path.join(root, 'gone.yaml'), path.join(root, 'app', 'dangling.yaml'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('follows symbolic links to files and folders, each real folder once, and leaves dangling links out', () => {
    const files = discoverManifestFiles([path.join(root, 'app')]).map((entry) => path.relative(root, entry.file));
    expect(files).toEqual([path.join('app', 'linked-folder', 'a.yaml'), path.join('app', 'linked-folder', 'crd.yaml'), path.join('app', 'linked.yaml')]);
  });

  it('leaves out files whose path matches an ignore pattern anywhere in it', () => {
    const files = discoverManifestFiles([path.join(root, 'real')], { ignore: [/crd/] }).map((entry) => path.basename(entry.file));
    expect(files).toEqual(['a.yaml']);
  });

  it('returns a missing path with its problem in its place and still finds the others', () => {
    const found = discoverManifestFiles([path.join(root, 'real'), path.join(root, 'missing')]);
    // Sorted by path: <root>/missing before <root>/real/….
    expect(found.map((entry) => [path.basename(entry.file), entry.problem?.reason])).toEqual([
      ['missing', 'no such file or folder; pass existing files or folders of manifests'],
      ['a.yaml', undefined],
      ['crd.yaml', undefined],
    ]);
  });

  it('reads file by file, a path that cannot be read in its place', () => {
    const reads = [...readManifestFiles([path.join(root, 'missing'), path.join(root, 'real', 'a.yaml')])];
    expect(reads.map((read) => [path.basename(read.file), read.problem?.reason ?? read.documents?.map((d) => d.object)])).toEqual([
      ['missing', 'no such file or folder; pass existing files or folders of manifests'],
      ['a.yaml', [{ kind: 'A' }]],
    ]);
  });
});
