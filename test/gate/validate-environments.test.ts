import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentConfig } from '../../lib/config';
import { loadEnvironments } from '../../lib/config';
import { validateEnvironments } from '../../lib/gate';
import { parseManifests, readManifests } from '../../lib/manifest';

const SIDECAR = readFileSync(join('test', 'fixtures', 'validate', 'sidecar_container.yaml'), 'utf8');

/** Only kubernetesVersion matters to the schema stage. */
const clusterAt = (kubernetesVersion: string) => ({ kubernetesVersion }) as EnvironmentConfig;

describe('validateEnvironments', () => {
  it('validates each environment at the Kubernetes version its configuration names', async () => {
    const manifests = parseManifests(
      new Map([
        ['dist/production/deployment.apps_web.yaml', SIDECAR],
        ['dist/staging/deployment.apps_web.yaml', SIDECAR],
      ]),
    );
    const report = await validateEnvironments('dist', manifests, new Map([['production', clusterAt('1.33')], ['staging', clusterAt('1.27')]]));
    // Sidecar containers (Container.restartPolicy) arrived in 1.28: staging's cluster does not know them.
    expect(report.resources.map((resource) => [resource.file, resource.status, resource.findings.map((finding) => finding.path)])).toEqual([
      ['dist/production/deployment.apps_web.yaml', 'valid', []],
      ['dist/staging/deployment.apps_web.yaml', 'invalid', ['/spec/template/spec/initContainers/0/restartPolicy']],
    ]);
    expect(report.files).toEqual(['dist/production/deployment.apps_web.yaml', 'dist/staging/deployment.apps_web.yaml']);
  });

  it('knows the fields of releases newer than 1.33 in the environments that run them', async () => {
    // PodSpec.hostnameOverride arrived in 1.34.
    const hostname = SIDECAR.replace(/( +)containers:/, '$1hostnameOverride: web-0\n$1containers:');
    expect(hostname).toContain('hostnameOverride');
    const manifests = parseManifests(
      new Map([
        ['dist/production/deployment.apps_web.yaml', hostname],
        ['dist/staging/deployment.apps_web.yaml', hostname],
      ]),
    );
    const report = await validateEnvironments('dist', manifests, new Map([['production', clusterAt('1.35')], ['staging', clusterAt('1.33')]]));
    expect(report.resources.map((resource) => [resource.file, resource.status, resource.findings.map((finding) => finding.path)])).toEqual([
      ['dist/production/deployment.apps_web.yaml', 'valid', []],
      ['dist/staging/deployment.apps_web.yaml', 'invalid', ['/spec/template/spec/hostnameOverride']],
    ]);
  });

  it('validates files outside any environment folder at the oldest configured version', async () => {
    const manifests = parseManifests(new Map([['dist/argocd/deployment.apps_web.yaml', SIDECAR]]));
    const report = await validateEnvironments('dist', manifests, new Map([['production', clusterAt('1.33')], ['staging', clusterAt('1.27')]]));
    expect(report.resources.map((resource) => resource.status)).toEqual(['invalid']);
  });

  it('passes the committed dist/ of every environment at its configured version', async () => {
    const configs = new Map(loadEnvironments('environments').map((environment) => [environment.config.name, environment.config]));
    expect([...configs.values()].map((config) => config.kubernetesVersion).every((version) => /^1\.\d+$/.test(version))).toBe(true);
    const report = await validateEnvironments('dist', readManifests(['dist']), configs);
    expect(report.summary).toMatchObject({ invalid: 0, errors: 0 });
    expect(report.summary.valid).toBeGreaterThan(100);
  });
});
