import { compareObjectSets, parseObjects, type KubeObject } from '../../bench/objects';
import { summarize } from '../../bench/stats';

const deployment = (name: string, replicas: number, namespace = 'apps'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels: { 'app.kubernetes.io/name': name } },
  spec: { replicas, template: { spec: { containers: [{ name, image: `${name}:1` }] } } },
});

describe('compareObjectSets', () => {
  it('finds nothing between the same objects written with keys in another order', () => {
    const reordered = parseObjects('spec: {template: {spec: {containers: [{image: "a:1", name: a}]}}, replicas: 2}\nmetadata: {labels: {app.kubernetes.io/name: a}, namespace: apps, name: a}\nkind: Deployment\napiVersion: apps/v1\n', 'reordered');
    expect(compareObjectSets([deployment('a', 2)], reordered)).toEqual([]);
  });

  it('names missing, unexpected and different objects, with the first differing field', () => {
    const differences = compareObjectSets([deployment('a', 2), deployment('b', 1)], [deployment('a', 3), deployment('c', 1)]);
    expect(differences).toEqual([
      'apps/v1/Deployment/apps/a: differs at /spec/replicas (2 vs 3)',
      'apps/v1/Deployment/apps/b: missing',
      'apps/v1/Deployment/apps/c: unexpected',
    ]);
  });

  it('tells objects of the same name in different namespaces apart', () => {
    expect(compareObjectSets([deployment('a', 1, 'dev')], [deployment('a', 1, 'prod')])).toEqual([
      'apps/v1/Deployment/dev/a: missing',
      'apps/v1/Deployment/prod/a: unexpected',
    ]);
  });

  it('reports duplicate identities instead of letting one hide the other', () => {
    expect(compareObjectSets([deployment('a', 1)], [deployment('a', 1), deployment('a', 1)])).toEqual(['actual set holds 1 duplicate identities']);
  });
});

describe('parseObjects', () => {
  it('reads every document of a stream and skips empty ones', () => {
    expect(parseObjects('---\nkind: A\n---\n---\nkind: B\n', 'stream').map((object) => object.kind)).toEqual(['A', 'B']);
  });

  it('names the source of a syntax error', () => {
    expect(() => parseObjects('kind: [A\n', 'broken.yaml')).toThrow(/^broken\.yaml: /);
  });
});

describe('summarize', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
  });

  it('refuses an empty series', () => {
    expect(() => summarize([])).toThrow(RangeError);
  });
});
