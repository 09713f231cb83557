import { parseManifest } from '../../lib/manifest';

const STREAM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx
        - name: sidecar
          image: envoy
---
---
apiVersion: v1
kind: Service
metadata:
  name: web
`;

describe('parseManifest', () => {
  it('returns {file, index, line, object} for every document, empty ones included', () => {
    const docs = parseManifest(STREAM, 'app.yaml');
    expect(docs.map((d) => [d.file, d.index, d.line, d.empty])).toEqual([
      ['app.yaml', 0, 1, false],
      ['app.yaml', 1, 13, true],
      ['app.yaml', 2, 15, false],
    ]);
    expect(docs[2].object).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } });
  });

  it('locates JSON pointers at their line, and missing ones at their deepest existing parent', () => {
    const [deployment, , service] = parseManifest(STREAM, 'app.yaml');
    expect(deployment.lineOf('')).toBe(1);
    expect(deployment.lineOf('/spec/template/spec/containers/1/image')).toBe(12);
    expect(deployment.positionOf('/spec/template/spec/containers/1/image')).toEqual({ line: 12, column: 11 });
    expect(deployment.lineOf('/spec/template/spec/containers/1/missing')).toBe(11);
    expect(service.lineOf('/metadata/name')).toBe(18);
  });

  it('reports every repeated key at its later occurrence, keeps the last value, and keeps reading later documents', () => {
    const docs = parseManifest('kind: A\nmetadata:\n  name: a\n  name: b\n  labels: {x: 1, x: 2}\nkind: C\n---\nkind: B\n', 'dup.yaml');
    expect(docs[0].error).toBeUndefined();
    expect(docs[0].duplicateKeys).toEqual([
      { key: 'name', mapping: '/metadata', line: 4, column: 3 },
      { key: 'x', mapping: '/metadata/labels', line: 5, column: 18 },
      { key: 'kind', mapping: '', line: 6, column: 1 },
    ]);
    // The last repeated key wins, as in sigs.k8s.io/yaml, so the rest of the resource can be validated.
    expect(docs[0].object).toEqual({ kind: 'C', metadata: { name: 'b', labels: { x: 2 } } });
    expect(docs[0].lineOf('/metadata/name')).toBe(4);
    expect(docs[1].object).toEqual({ kind: 'B' });
    expect(docs[1].duplicateKeys).toEqual([]);
  });

  it('reports syntax errors with the line in the file, not in the document', () => {
    const [, broken] = parseManifest('kind: A\n---\nkind: [B\nname: c\n', 'bad.yaml');
    expect(broken.error?.reason).toBe('syntax');
    expect(broken.error?.line).toBe(4);
    expect(broken.error?.message).toMatch(/^YAML syntax error: /);
  });

  it('reads JSON, including tab indentation', () => {
    const [doc] = parseManifest('{\n\t"kind": "A",\n\t"spec": {"port": 80}\n}\n', 'a.json');
    expect(doc.object).toEqual({ kind: 'A', spec: { port: 80 } });
    expect(doc.lineOf('/spec/port')).toBe(3);
  });

  it('keeps dates and other YAML 1.1 scalars as Kubernetes reads them, and resolves merge keys', () => {
    const [doc] = parseManifest('base: &b {x: 1}\nwhen: 2024-01-01\nmerged:\n  <<: *b\n  z: 2\n', 'a.yaml');
    expect(doc.object).toEqual({ base: { x: 1 }, when: '2024-01-01', merged: { x: 1, z: 2 } });
  });

  it('locates keys as Kubernetes names them: an unquoted on is "true", a quoted one is "on"', () => {
    const [doc] = parseManifest('data:\n  "on": quoted\n  on: plain\n  0644: octal\n', 'keys.yaml');
    expect(doc.object).toEqual({ data: { on: 'quoted', true: 'plain', 420: 'octal' } });
    expect(doc.lineOf('/data/on')).toBe(2);
    expect(doc.lineOf('/data/true')).toBe(3);
    expect(doc.lineOf('/data/420')).toBe(4);
  });

  it('locates items of sequences written in flow style and in compact block style', () => {
    const [doc] = parseManifest('spec:\n  ports: [{port: 80}, {port: 443}]\n  items:\n  - a\n  - name: b\n    value: c\n', 'flow.yaml');
    expect(doc.positionOf('/spec/ports/1/port')).toEqual({ line: 2, column: 24 });
    expect(doc.lineOf('/spec/items/1/value')).toBe(6);
  });

  it('treats a document holding only null as empty', () => {
    expect(parseManifest('---\n~\n', 'n.yaml')[0].empty).toBe(true);
  });
});
