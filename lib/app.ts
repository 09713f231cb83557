import { App, Chart } from 'cdk8s';
import type { LoadedEnvironment } from './config';
import { ArgoApplications } from './constructs/argocd';
import { EnvironmentChart } from './constructs/environment-chart';
import type { RegoSourceFile } from './constructs/gatekeeper-rego';
import { loadPolicySources } from './policy-sources';
import { addSyncWaves } from './sync-waves';

/** Name of the chart (and of the dist/ folder) holding the Argo CD Applications. */
export const argocdChartName = 'argocd';

/**
 * Builds the cdk8s App: one {@link EnvironmentChart} per environment, in name order, and one chart
 * of Argo CD Applications that deploys them. main.ts and the tests both start here. The policies
 * of `policies/` are read once and enforced in every environment by Gatekeeper as well.
 */
export function buildApp(
  environments: readonly LoadedEnvironment[],
  outdir?: string,
  policySources: readonly RegoSourceFile[] = loadPolicySources(),
): App {
  const app = new App({ outdir });
  const configs = [...environments].map((loaded) => loaded.config).sort((a, b) => a.name.localeCompare(b.name));
  for (const environment of configs) {
    if (environment.name === argocdChartName) {
      throw new Error(`environments/${argocdChartName}.yaml: "${argocdChartName}" is reserved for the Argo CD Applications; rename the environment`);
    }
    addSyncWaves(new EnvironmentChart(app, { environment, policySources }));
  }
  const argocd = new Chart(app, argocdChartName, { namespace: 'argocd', disableResourceNameHashes: true });
  new ArgoApplications(argocd, 'argocd', { environments: configs });
  return app;
}
