/** What a run checks: the folders of dist/, read from disk or handed over already parsed (the gate). */
import { loadEnvironments } from '../../lib/config';
import { readManifests } from '../../lib/manifest';
import { documentTargets, resolveTargets } from '../../lib/policy';

describe('targets', () => {
  it('are the same for parsed documents as for a run over dist/', () => {
    const configs = new Map(loadEnvironments('environments').map((e) => [e.config.name, e.config]));
    const fromDocuments = documentTargets('dist', readManifests(['dist']), configs);
    expect(fromDocuments.map((target) => target.label)).toEqual(['dist/argocd', 'dist/development', 'dist/production', 'dist/staging']);
    expect(fromDocuments).toEqual(resolveTargets({ paths: [], distDir: 'dist', environmentsDir: 'environments' }));
  });

  it('leave out files outside the folders of dist/ and keep an empty file as one null input (conftest checks it)', () => {
    const tree = 'test/fixtures/manifest/tree';
    const targets = documentTargets(tree, readManifests([tree]), new Map());
    expect(targets.map((target) => [target.label, target.files])).toEqual([
      [`${tree}/nested`, [{ path: `${tree}/nested/b.json`, documents: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }] }, { path: `${tree}/nested/c.yml`, documents: [null] }]],
    ]);
  });
});
