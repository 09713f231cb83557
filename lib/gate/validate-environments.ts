import { sep } from 'node:path';
import type { EnvironmentConfig } from '../config';
import type { ManifestSet } from '../manifest';
import { compareVersions, resolveKubernetesVersion, validateManifests, ValidationReport, type KubernetesVersion } from '../validate';

/**
 * Validates each environment's files (`<dist>/<env>/…`) with the schemas of the Kubernetes release
 * its configuration names. Files outside an environment's folder (the Argo CD Applications of
 * `<dist>/argocd/`) are validated at the oldest configured release, since any of the clusters may
 * run Argo CD. One report for all, sorted by file as usual.
 */
export async function validateEnvironments(distDir: string, manifests: ManifestSet, configs: ReadonlyMap<string, EnvironmentConfig>): Promise<ValidationReport> {
  const versions = new Map([...configs].map(([name, config]) => [name, resolveKubernetesVersion(config.kubernetesVersion)]));
  const oldest = [...versions.values()].sort(compareVersions)[0];
  const groups = new Map<string, { version: KubernetesVersion; files: Set<string> }>();
  for (const file of manifests.files) {
    const environment = environmentOf(distDir, file);
    const version = (environment !== undefined ? versions.get(environment) : undefined) ?? oldest;
    const key = `${version.major}.${version.minor}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { version, files: new Set() };
      groups.set(key, group);
    }
    group.files.add(file);
  }
  const reports = await Promise.all(
    [...groups.values()].map(({ version, files }) =>
      validateManifests(
        { files: [...files], documents: manifests.documents.filter((document) => files.has(document.file)) },
        { kubernetesVersion: version },
      ),
    ),
  );
  return new ValidationReport(reports.flatMap((report) => report.resources), manifests.files);
}

/** `production` for `dist/production/service_api.yaml`. */
function environmentOf(distDir: string, file: string): string | undefined {
  const prefix = distDir.endsWith(sep) ? distDir : distDir + sep;
  if (!file.startsWith(prefix)) return undefined;
  return file.slice(prefix.length).split(sep)[0];
}
