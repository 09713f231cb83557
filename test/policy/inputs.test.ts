import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataLoadError, loadData } from '../../lib/policy/data';
import { combineInputs, InputError, parseInput } from '../../lib/policy/inputs';
import { matchNamespaces } from '../../lib/policy/namespaces';

describe('inputs as conftest parses them', () => {
  it('makes every non-empty document of a file one input', () => {
    const file = parseInput('multi.yaml', '---\nkind: A\n---\n# only a comment\n---\nkind: B\n');
    expect(file.documents).toEqual([{ kind: 'A' }, { kind: 'B' }]);
  });

  it('locates a YAML error', () => {
    expect(() => parseInput('bad.yaml', 'kind: A\n  spec: [\n')).toThrow(InputError);
    expect(() => parseInput('bad.yaml', 'kind: A\n  spec: [\n')).toThrow(/^bad\.yaml:\d+:\d+: /);
  });

  it('combines documents into {path, contents}, sorted by path', () => {
    const combined = combineInputs([
      { path: 'b.yaml', documents: [{ kind: 'B' }] },
      { path: 'a.yaml', documents: [{ kind: 'A1' }, { kind: 'A2' }] },
    ]);
    expect(combined).toEqual([
      { path: 'a.yaml', contents: { kind: 'A1' } },
      { path: 'a.yaml', contents: { kind: 'A2' } },
      { path: 'b.yaml', contents: { kind: 'B' } },
    ]);
  });
});

describe('data files (-d)', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-data-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('merges files and mounts sub-folders under their path, as OPA does', () => {
    fs.writeFileSync(path.join(folder, 'a.yaml'), 'limits:\n  replicas: 3\n');
    fs.mkdirSync(path.join(folder, 'teams'));
    fs.writeFileSync(path.join(folder, 'teams', 'owners.json'), '{"api": "video"}');
    expect(loadData([folder])).toEqual({ limits: { replicas: 3 }, teams: { api: 'video' } });
  });

  it('refuses two files that set one value differently', () => {
    fs.writeFileSync(path.join(folder, 'a.yaml'), 'limit: 1\n');
    fs.writeFileSync(path.join(folder, 'b.yaml'), 'limit: 2\n');
    expect(() => loadData([folder])).toThrow(DataLoadError);
    expect(() => loadData([folder])).toThrow(/data\.limit is already set/);
  });
});

describe('namespaces (-n)', () => {
  const available = ['combined', 'lib.images', 'lib.kubernetes', 'main'];

  it('expands globs against the policies and keeps plain names', () => {
    expect(matchNamespaces(['lib.*'], available)).toEqual(['lib.images', 'lib.kubernetes']);
    expect(matchNamespaces(['main', 'unknown'], available)).toEqual(['main', 'unknown']);
    expect(matchNamespaces(['m*', 'main'], available)).toEqual(['main']);
  });
});
