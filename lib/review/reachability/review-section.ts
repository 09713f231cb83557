import type { EnvironmentConfig } from '../../config';
import type { ReviewDiff } from '../diff';
import type { KubernetesObject } from './endpoints';
import { describeFlow, reachabilityChange, reachabilityMatrix, type Flow } from './matrix';
import { configuredEndpoints } from './platform-endpoints';
import { objectsOf, touchesKinds, type ReviewSides } from './review-sides';

/** The connections one environment's change opens and closes. */
export interface EnvironmentReachabilityChange {
  readonly environment: string;
  readonly opened: readonly Flow[];
  readonly closed: readonly Flow[];
}

/**
 * For each environment of `diff` whose NetworkPolicies changed, the
 * connections the change opens and closes, judged with the endpoints of the environment's
 * configuration (`configFor`; without one, only the workloads among themselves and the namespace
 * taken from the objects).
 */
export function reachabilityChanges(diff: ReviewDiff, sides: ReviewSides, configFor: (environment: string) => EnvironmentConfig | undefined): EnvironmentReachabilityChange[] {
  const changes: EnvironmentReachabilityChange[] = [];
  for (const environmentDiff of diff.environments) {
    if (!touchesKinds(environmentDiff, ['NetworkPolicy'])) continue;
    const name = environmentDiff.environment;
    const config = configFor(name);
    const matrixOf = (objects: KubernetesObject[]): Flow[] => {
      const namespace = config?.namespace ?? namespaceOf(objects);
      return namespace === undefined ? [] : reachabilityMatrix(objects, namespace, config ? configuredEndpoints(config) : []);
    };
    const change = reachabilityChange(matrixOf(objectsOf(sides.before, name) as KubernetesObject[]), matrixOf(objectsOf(sides.after, name) as KubernetesObject[]));
    changes.push({ environment: name, ...change });
  }
  return changes;
}

/** The environment's namespace when there is no configuration: its Namespace object, else the policies' namespace. */
function namespaceOf(objects: readonly KubernetesObject[]): string | undefined {
  return objects.find((object) => object.kind === 'Namespace')?.metadata?.name ?? objects.find((object) => object.kind === 'NetworkPolicy')?.metadata?.namespace;
}

/** The markdown of {@link reachabilityChanges}: per environment, each connection now allowed or now denied. */
export function renderReachabilityMarkdown(changes: readonly EnvironmentReachabilityChange[]): string {
  if (changes.length === 0) return '';
  const lines: string[] = [];
  for (const change of changes) {
    lines.push('', `#### \`${change.environment}\`: network reachability`, '');
    if (change.opened.length === 0 && change.closed.length === 0) {
      lines.push('_NetworkPolicies changed; no connection is opened or closed._');
      continue;
    }
    for (const flow of change.opened) lines.push(`- <code>${escapeHtml(describeFlow(flow))}</code> now allowed`);
    for (const flow of change.closed) lines.push(`- <code>${escapeHtml(describeFlow(flow))}</code> now denied`);
  }
  return `${lines.join('\n')}\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;');
}
