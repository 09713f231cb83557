/**
 * Probes of how the API server reads YAML: kubectl and the API server turn YAML into JSON with
 * sigs.k8s.io/yaml, which resolves plain scalars with go-yaml v2. Each expectation is what that
 * conversion gives (and so what the schema and the policies must see), not what YAML 1.2 would.
 */
import * as jsyaml from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA, parseManifest } from '../../lib/manifest';

const read = (text: string): unknown => jsyaml.load(text, { schema: KUBERNETES_YAML_SCHEMA });

describe('YAML as Kubernetes reads it', () => {
  it.each(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'])('reads plain %s as true', (word) => {
    expect(read(`value: ${word}`)).toEqual({ value: true });
  });

  it.each(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'])('reads plain %s as false', (word) => {
    expect(read(`value: ${word}`)).toEqual({ value: false });
  });

  it.each(['yEs', 'oN', 'nO', 'tRUE', 'YeS', 'enabled'])('keeps %s a string: go-yaml knows three spellings of each word, not any case', (word) => {
    expect(read(`value: ${word}`)).toEqual({ value: word });
  });

  it('keeps quoted booleans strings, which is how an env value must be written', () => {
    expect(read('env:\n  - {name: DEBUG, value: no}\n  - {name: VERBOSE, value: "no"}\n')).toEqual({
      env: [
        { name: 'DEBUG', value: false },
        { name: 'VERBOSE', value: 'no' },
      ],
    });
  });

  it('reads a key that is a boolean word as "true"/"false", as the JSON conversion does', () => {
    expect(read('on: push\noff: 1\n')).toEqual({ true: 'push', false: 1 });
  });

  it('reads C-style octal file modes as their value (0644 is 420), and Go prefixes', () => {
    expect(read('defaultMode: 0644\nmode: 0o755\nhex: 0x1F\nbinary: 0b101\nsigned: -010\nzero: 0\n')).toEqual({
      defaultMode: 420,
      mode: 493,
      hex: 31,
      binary: 5,
      signed: -8,
      zero: 0,
    });
  });

  it('reads a leading zero that is not octal as a decimal float, as go-yaml falls back to', () => {
    expect(read('a: 09\nb: 08.5\n')).toEqual({ a: 9, b: 8.5 });
  });

  it('removes _ digit separators from numbers', () => {
    expect(read('a: 1_000\nb: 1_0.5\n')).toEqual({ a: 1000, b: 10.5 });
  });

  it('reads floats and the special floats go-yaml knows', () => {
    expect(read('a: 1.5\nb: .5\nc: 1e3\nd: .inf\ne: -.Inf\nf: +12\n')).toEqual({ a: 1.5, b: 0.5, c: 1000, d: Infinity, e: -Infinity, f: 12 });
    expect(Number.isNaN((read('a: .NaN') as { a: number }).a)).toBe(true);
  });

  it('keeps base-60 numbers and dates strings: go-yaml resolves neither (YAML 1.1 would)', () => {
    expect(read('duration: 1:30\nwhen: 2024-01-01\nstamp: 2001-12-14t21:59:43.10-05:00\n')).toEqual({
      duration: '1:30',
      when: '2024-01-01',
      stamp: '2001-12-14t21:59:43.10-05:00',
    });
  });

  it('reads null the go-yaml ways, and keeps near-misses strings', () => {
    expect(read('a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL\n')).toEqual({ a: null, b: null, c: null, d: null, e: null, f: 'nULL' });
  });

  it('gives the policy runner the same values (they share the reader)', () => {
    const [document] = parseManifest('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nimmutable: yes\n', 's.yaml');
    expect(document.object).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, immutable: true });
  });
});
