import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataLoadError, loadData } from '../../lib/policy/data';
import { combineInputs, InputError, parseInput, readInputs } from '../../lib/policy/inputs';
import { parserForFile, parserName, UnknownParserError } from '../../lib/policy/parsers';
import { matchNamespaces } from '../../lib/policy/namespaces';

describe('inputs as conftest parses them', () => {
  it('makes every non-empty document of a file one input', () => {
    const file = parseInput('multi.yaml', '---\nkind: A\n---\n# only a comment\n---\nkind: B\n');
    expect(file.documents).toEqual([{ kind: 'A' }, { kind: 'B' }]);
  });

  it('checks an empty file once, with a null input, as conftest does', () => {
    expect(parseInput('empty.yaml', '').documents).toEqual([null]);
    expect(parseInput('comments.yaml', '# nothing\n---\n').documents).toEqual([null]);
    expect(parseInput('one.yaml', 'kind: A\n---\n').documents).toEqual([{ kind: 'A' }]);
  });

  it('ignores empty path arguments, and finds no files when only those are given', () => {
    expect(readInputs(['', 'test/fixtures/policy/e2e/parser/input/strict.json', '']).map((file) => file.path)).toEqual([
      'test/fixtures/policy/e2e/parser/input/strict.json',
    ]);
    expect(() => readInputs([''])).toThrow(/^no files found/);
  });

  it('reads strict JSON with --parser json, and YAML by default', () => {
    const yamlSyntax = 'port: 443\n';
    expect(parseInput('a.json', yamlSyntax).documents).toEqual([{ port: 443 }]);
    expect(() => parseInput('a.json', yamlSyntax, 'json')).toThrow(/^a\.json: Unexpected token/);
    expect(() => parseInput('b.json', '{\n  "port": 80,\n}\n', 'json')).toThrow(/^b\.json:3:1: /);
    expect(parseInput('c.json', '[1, 2]', 'json').documents).toEqual([[1, 2]]);
  });

  it('names the supported parsers for an unknown one', () => {
    expect(parserName('yaml')).toBe('yaml');
    expect(() => parserName('toml')).toThrow(new UnknownParserError('toml'));
    expect(() => parserName('toml')).toThrow('unknown parser "toml"; the supported parsers are json, yaml');
    expect(parserForFile('x/settings.yml')).toBe('yaml');
    expect(parserForFile('x/settings.JSON')).toBe('json');
    expect(() => parserForFile('x/main.tf')).toThrow('unknown file type ".tf"; the supported parsers are json, yaml');
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

  it('skips files that are not .json, .yaml or .yml, in folders and named directly, as conftest does', () => {
    fs.writeFileSync(path.join(folder, 'a.yml'), 'limit: 1\n');
    fs.writeFileSync(path.join(folder, 'notes.txt'), '{ not data');
    fs.writeFileSync(path.join(folder, 'deny.rego'), 'package main\n');
    expect(loadData([folder])).toEqual({ limit: 1 });
    expect(loadData([path.join(folder, 'deny.rego'), path.join(folder, 'notes.txt')])).toEqual({});
  });

  it('still refuses a data path that does not exist', () => {
    expect(() => loadData([path.join(folder, 'missing')])).toThrow(/missing: no such file or folder/);
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
