/** objectYaml writes exactly what cdk8s's Yaml.stringify writes, whatever the keys and values. */
import { Yaml } from 'cdk8s';
import * as jsyaml from 'js-yaml';
import { readTree } from '../../lib/synth';
import { objectYaml } from '../../lib/synth/yaml-text';

const strings = [
  '', ' ', 'a b', ' a', 'a ', 'y', 'Y', 'n', 'yes', 'No', 'on', 'OFF', 'true', 'False', 'null', 'Null', '~', '-', '- a', 'a-', '-a',
  '.', 'a.', '.inf', '.NaN', '0', '-1', '+1', '1.5', '1e3', '0x1F', '0o17', '017', '0b101', '1:20', '1_000', '190:20:30', '2001-12-14',
  '2001-12-14T21:59:43.10-05:00', 'a:b', 'a: b', 'a:', ':a', 'a #b', '#a', 'a#b', '@a', '`a', '!a', '&a', '*a', '|', '>', "'a'", '"a"',
  '%a', '[a]', '{a}', 'a,b', '?a', '? a', 'a\nb', 'a\n', '\na', 'a\n\nb  ', '  a\nb', 'a\tb', 'ü', 'a\u0007b', '\u2028', '---', '...', '<<', '=',
  'a/b', 'a_b', 'A.B-c_d/E', '1.4.2', '500m', '256Mi', '0 3 * * *', 'registry.example.com/video-platform/api:1.4.2@sha256:4e3d2c',
  'http://x/y?z=1&w', 'x'.repeat(2000),
];
const scalars: unknown[] = [...strings, 0, 1, -1, 1.5, 0.1, 1e21, 1e-7, 2 ** 53, -(2 ** 53), NaN, Infinity, -Infinity, true, false, null];

describe('objectYaml', () => {
  it.each(scalars.map((value) => [JSON.stringify(value) ?? String(value), value]))('writes %s as Yaml.stringify does, as value, item and key', (_, value) => {
    const documents = [
      { value },
      { list: [value, [value], [[value]], { value }] },
      { nested: { deeper: [{ value, other: [value] }, { first: { value } }] } },
      { [String(value)]: value, plain: 'x' },
      { a: { [String(value)]: [{ [String(value)]: {} }] } },
    ];
    for (const document of documents) expect(objectYaml(document)).toBe(Yaml.stringify(document));
  });

  it('lays out empty and nested collections as Yaml.stringify does', () => {
    const documents: unknown[] = [
      { a: {}, b: [], c: [[], {}, [[]], [{}], { d: [] }], e: [[1, [2, [3]]]], f: [{ g: { h: [{ i: 1 }] } }] },
      { kind: 'X', metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'x' } }, spec: { ports: [{ name: 'http', port: 80 }] } },
      { withUndefined: undefined, inList: [undefined] },
      { negativeZero: -0 },
      { ['k'.repeat(1500)]: 1 },
      { date: new Date(0) },
      {},
      [1, 2],
      'scalar',
      undefined,
    ];
    for (const document of documents) expect(objectYaml(document)).toBe(Yaml.stringify(document));
  });

  it('writes every object of the committed dist/ as it is written there', () => {
    for (const [path, text] of readTree('dist')) expect([path, objectYaml(jsyaml.load(text))]).toEqual([path, text]);
  });
});
