import { diffSnapshots, type ReviewDiff } from '../../lib/review/diff';
import { renderReview, UnknownFormatError } from '../../lib/review/render';
import { snapshotFromFiles } from '../../lib/review/snapshot';
import { edited, fixtureFiles } from './support';

/** Production loses its Service, gains a ServiceAccount and renames its ConfigMap; staging is new. */
function mixedReview(): ReviewDiff {
  const before = new Map([...fixtureFiles()].filter(([path]) => path.startsWith('production/')));
  const after = new Map(before);
  after.delete('production/service_api.yaml');
  after.set('production/serviceaccount_api.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: video-app\n');
  after.delete('production/configmap_settings.yaml');
  const renamed = edited(before, 'production/configmap_settings.yaml', (c) => (c.metadata.name = 'api-settings'));
  after.set('production/configmap_api-settings.yaml', renamed.get('production/configmap_settings.yaml') as string);
  after.set('staging/service_api.yaml', fixtureFiles().get('staging/service_api.yaml') as string);
  return diffSnapshots(snapshotFromFiles('main', before), snapshotFromFiles('working tree', after));
}

describe('text report', () => {
  it('lists added, removed and renamed resources with their files', () => {
    const text = renderReview(mixedReview(), 'text', { color: false });
    expect(text.split('\n')).toEqual([
      'review of dist/: main → working tree',
      '',
      'production: 1 added, 1 removed, 1 renamed',
      '  + ServiceAccount video-app/api  production/serviceaccount_api.yaml',
      '  - Service video-app/api  production/service_api.yaml',
      '  → ConfigMap video-app/settings renamed to api-settings  production/configmap_settings.yaml → production/configmap_api-settings.yaml, 100% similar',
      '',
      'staging (new environment): 1 added',
      '  + Service video-app-staging/api  staging/service_api.yaml',
      '',
      '2 of 2 environments differ: 2 added, 1 removed, 1 renamed',
      '',
    ]);
  });

  it('prints added mappings as indented YAML under the field', () => {
    const before = fixtureFiles();
    const after = edited(before, 'production/deployment.apps_api.yaml', (d) => {
      d.spec.template.spec.containers[0].env.push({ name: 'TRACING', value: 'on' });
    });
    const text = renderReview(diffSnapshots(snapshotFromFiles('a', before), snapshotFromFiles('b', after)), 'text', { color: false });
    expect(text).toContain('      spec.template.spec.containers[name=api].env[name=TRACING]\n        + name: TRACING\n          value: on\n');
  });
});

describe('markdown report', () => {
  it('puts added and removed resources in lists and renames in details blocks', () => {
    const markdown = renderReview(mixedReview(), 'markdown', { color: false });
    expect(markdown).toContain('| `production` | 1 | 1 | 0 | 1 |\n| `staging` (new) | 1 | 0 | 0 | 0 |');
    expect(markdown).toContain('<summary>Added: 1 resource(s)</summary>\n\n- <code>ServiceAccount video-app/api</code> in <code>production/serviceaccount_api.yaml</code>');
    expect(markdown).toContain('<summary>Removed: 1 resource(s)</summary>\n\n- <code>Service video-app/api</code> in <code>production/service_api.yaml</code>');
    expect(markdown).toContain('<summary>Renamed <code>ConfigMap video-app/settings</code> → <code>api-settings</code>: no other change</summary>');
  });

  it('escapes values so they cannot break the table', () => {
    const before = fixtureFiles();
    const after = edited(before, 'production/configmap_settings.yaml', (c) => (c.data.theme = 'a|b <i>'));
    const markdown = renderReview(diffSnapshots(snapshotFromFiles('a', before), snapshotFromFiles('b', after)), 'markdown', { color: false });
    expect(markdown).toContain('| <code>data.theme</code> | <code>dark</code> | <code>a&#124;b &lt;i&gt;</code> |');
  });
});

describe('renderReview', () => {
  it('rejects an unknown format instead of falling back', () => {
    expect(() => renderReview(mixedReview(), 'yaml', { color: false })).toThrow(UnknownFormatError);
  });

  it('writes JSON with totals and the rename', () => {
    const report = JSON.parse(renderReview(mixedReview(), 'json', { color: false }));
    expect(report.totals).toEqual({ added: 2, removed: 1, changed: 0, renamed: 1 });
    expect(report.environments[0].renamed[0]).toMatchObject({ from: { name: 'settings' }, to: { name: 'api-settings' }, similarity: 1, changes: [] });
  });
});
