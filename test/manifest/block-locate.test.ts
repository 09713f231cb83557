import * as jsyaml from 'js-yaml';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { blockLocator } from '../../lib/manifest/block-locate';
import { locateDocument } from '../../lib/manifest/locate';
import { parseManifest } from '../../lib/manifest';
import { appendPointer } from '../../lib/manifest/pointer';
import { splitDocuments, type DocumentSource } from '../../lib/manifest/split-documents';

/** Every pointer of a value, and one missing child of each (located at its nearest parent). */
function pointersOf(value: unknown, pointer = '', out: string[] = []): string[] {
  out.push(pointer, appendPointer(pointer, 'missing-child'));
  if (Array.isArray(value)) value.forEach((item, index) => pointersOf(item, appendPointer(pointer, index), out));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) pointersOf(item, appendPointer(pointer, key), out);
  return out;
}

/** Positions of the scan that differ from the js-yaml pass, as readable lines; [] when they all agree. */
function disagreements(source: DocumentSource, label: string): string[] {
  const scan = blockLocator(source);
  if (scan === null) return [];
  const reference = locateDocument(source, { values: false });
  const value = jsyaml.load(source.text, { json: true } as jsyaml.LoadOptions);
  const out: string[] = [];
  for (const pointer of pointersOf(value)) {
    const fast = scan(pointer);
    if (fast === undefined) continue;
    const slow = reference.locate(pointer);
    if (fast.line !== slow.line || fast.column !== slow.column) out.push(`${label} ${pointer}: scan ${fast.line}:${fast.column}, js-yaml ${slow.line}:${slow.column}`);
  }
  return out;
}

function yamlFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function only(text: string): DocumentSource {
  return splitDocuments(text)[0];
}

describe('the line scan of block-style documents', () => {
  it('places every pointer of dist/ where the js-yaml pass does, and reads every dist/ document', () => {
    const problems: string[] = [];
    let documents = 0;
    for (const file of yamlFiles('dist')) {
      for (const source of splitDocuments(readFileSync(file, 'utf8')).filter((document) => document.hasContent)) {
        documents++;
        if (blockLocator(source) === null) problems.push(`${file}:${source.firstLine} not read by the scan`);
        problems.push(...disagreements(source, `${file}:${source.firstLine}`));
      }
    }
    expect(documents).toBeGreaterThan(200);
    expect(problems).toEqual([]);
  });

  it('agrees with the js-yaml pass on the test fixtures', () => {
    const problems = yamlFiles(join('test', 'fixtures')).flatMap((file) => {
      let sources: DocumentSource[];
      try {
        sources = splitDocuments(readFileSync(file, 'utf8')).filter((document) => document.hasContent);
        sources.forEach((source) => jsyaml.load(source.text, { json: true } as jsyaml.LoadOptions));
      } catch {
        return []; // a fixture that is not valid YAML on purpose
      }
      return sources.flatMap((source) => disagreements(source, `${file}:${source.firstLine}`));
    });
    expect(problems).toEqual([]);
  });

  const supported: Record<string, string> = {
    'comments, blank lines and a document marker': '---\n# leading comment\napiVersion: v1   # trailing\n\nkind: ConfigMap\nmetadata:\n  # inside\n  name: x\n',
    'a compact sequence at its key\'s indent': 'spec:\n  containers:\n  - name: a\n    image: b\n  - name: c\n    ports:\n    - containerPort: 80\n      name: http\n',
    'indented sequences of scalars and mappings': 'args:\n  - one\n  - "two: 2"\n  - \'three # not a comment\'\nenv:\n  -   name: A\n      value: "1"\n',
    'block scalars of every header': 'a: |\n  line\n    deeper\n\n  # not a comment\nb: >-\n  folded\nc: |+2\n    kept\nd:\n  - |\n    item text\n  - plain\ne: end\n',
    'multi-line plain scalars': 'expr: sum(rate(x[5m]))\n  > 0.01\nlist:\n- first\n  continued\n- second\n',
    'quoted keys and YAML 1.1 keys': '"quoted key": 1\n\'single\': 2\non: 3\n0644: 4\nplain key with spaces: 5\nurl: http://example.com:8080/a#b\n',
    'one-line flow collections': 'labels: {a: "1", b: [x, y]}\nitems: [1, 2, {c: d}]  # comment\nafter: z\n',
    'empty values and duplicate keys': 'a:\nb: 1\nb: 2\nc:\n  d:\ne: ~\n',
    'keys that begin with a dash': '-foo: bar\nspec:\n  -x: 1\n  -y:\n  - z\n',
    'CRLF line ends': 'kind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: c\r\n',
    'a List': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: one\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: two}\n',
  };

  it.each(Object.keys(supported))('reads %s as js-yaml does', (name) => {
    const source = only(supported[name]);
    expect(blockLocator(source)).not.toBeNull();
    expect(disagreements(source, name)).toEqual([]);
  });

  it('leaves a pointer into a flow collection to the js-yaml pass', () => {
    const text = 'labels: {a: "1", b: [x, y]}\nafter: z\n';
    const scan = blockLocator(only(text))!;
    expect(scan('/labels')).toEqual({ line: 1, column: 1 });
    expect(scan('/labels/b/1')).toBeUndefined();
    expect(scan('/after')).toEqual({ line: 2, column: 1 });
    // Through parseManifest, such a pointer still gets its line.
    expect(parseManifest(text, 'f.yaml')[0].lineOf('/labels/b/1')).toBe(1);
  });

  const unsupported: Record<string, string> = {
    'anchors and aliases': 'a: &x {b: 1}\nc: *x\n',
    'tags': 'a: !!str 1\n',
    'complex keys': '? a\n: b\n',
    'a flow collection over several lines': 'a: [1,\n  2]\n',
    'a quoted scalar over several lines': 'a: "one\n  two"\n',
    'an empty sequence item': 'a:\n- \n- b\n',
    'an item on the line after its dash': 'a:\n-\n  b: c\n',
    'a sequence in a sequence': 'a:\n- - b\n',
    'a whole document in flow style': '{"apiVersion": "v1",\n "kind": "Pod"}\n',
    'a directive': '%YAML 1.1\n---\na: b\n',
  };

  it.each(Object.keys(unsupported))('gives %s to the js-yaml pass', (name) => {
    expect(blockLocator(only(unsupported[name]))).toBeNull();
  });

  it('gives the same lines through parseManifest as the js-yaml pass, for findings deep in a resource', () => {
    const text = readFileSync(join('dist', 'production', 'deployment.apps_api-blue.yaml'), 'utf8');
    const [document] = parseManifest(text, 'api.yaml');
    const reference = locateDocument(splitDocuments(text)[0], { values: false });
    for (const pointer of ['/spec/template/spec/containers/0/securityContext/runAsUser', '/spec/replicas', '/metadata/labels/app.kubernetes.io~1name', '/spec/template/spec/containers/0/nope/deeper']) {
      expect(document.positionOf(pointer)).toEqual(reference.locate(pointer));
    }
  });
});
