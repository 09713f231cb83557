import type { ReviewDiff } from '../diff';
import type { KubernetesObject } from '../reachability/endpoints';
import { objectsOf, touchesKinds, type ReviewSides } from '../reachability/review-sides';
import { describePermission, effectivePermissions, permissionKey, type Permission } from './effective-permissions';

/** Kinds whose changes can change what a ServiceAccount may do. */
const rbacKinds = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount'];

/** What one environment's change grants and revokes, and what every account may do after it. */
export interface EnvironmentPermissionChange {
  readonly environment: string;
  readonly granted: readonly Permission[];
  readonly revoked: readonly Permission[];
  /** Every account's effective permissions after the change. */
  readonly after: readonly Permission[];
}

/** For each environment of `diff` whose RBAC objects or ServiceAccounts changed, the permissions granted and revoked. */
export function permissionChanges(diff: ReviewDiff, sides: ReviewSides): EnvironmentPermissionChange[] {
  const changes: EnvironmentPermissionChange[] = [];
  for (const environmentDiff of diff.environments) {
    if (!touchesKinds(environmentDiff, rbacKinds)) continue;
    const name = environmentDiff.environment;
    const permissionsOf = (objects: KubernetesObject[]) => effectivePermissions(objects, namespaceOf(objects));
    const before = permissionsOf(objectsOf(sides.before, name) as KubernetesObject[]);
    const after = permissionsOf(objectsOf(sides.after, name) as KubernetesObject[]);
    const beforeKeys = new Set(before.map(permissionKey));
    const afterKeys = new Set(after.map(permissionKey));
    changes.push({
      environment: name,
      granted: after.filter((permission) => !beforeKeys.has(permissionKey(permission))),
      revoked: before.filter((permission) => !afterKeys.has(permissionKey(permission))),
      after,
    });
  }
  return changes;
}

/** The namespace objects without one are in: the Namespace object's, else the first namespaced object's. */
function namespaceOf(objects: readonly KubernetesObject[]): string {
  return objects.find((object) => object.kind === 'Namespace')?.metadata?.name ?? objects.find((object) => object.metadata?.namespace)?.metadata?.namespace ?? 'default';
}

/**
 * The markdown of {@link permissionChanges}: per environment, each permission granted ("worker may
 * now list secrets in video-app") or revoked, then a table of every account's effective permissions.
 */
export function renderPermissionsMarkdown(changes: readonly EnvironmentPermissionChange[]): string {
  if (changes.length === 0) return '';
  const lines: string[] = [];
  for (const change of changes) {
    lines.push('', `#### \`${change.environment}\`: RBAC`, '');
    if (change.granted.length === 0 && change.revoked.length === 0) lines.push('_RBAC objects changed; no ServiceAccount gains or loses a permission._');
    for (const permission of change.granted) lines.push(`- ${escapeHtml(describePermission(permission, 'may now'))}`);
    for (const permission of change.revoked) lines.push(`- ${escapeHtml(describePermission(permission, 'may no longer'))}`);
    lines.push('', '| ServiceAccount | Effective permissions |', '| --- | --- |');
    const accounts = [...new Set(change.after.map((permission) => permission.serviceAccount))].sort();
    if (accounts.length === 0) lines.push('| _none_ | _no account is granted anything_ |');
    for (const account of accounts) {
      const grants = summarize(change.after.filter((permission) => permission.serviceAccount === account));
      lines.push(`| <code>${escapeHtml(account)}</code> | ${grants.map(escapeHtml).join('<br>')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One line per resource and place, its verbs joined: `get, list, watch configmaps in video-app`. */
function summarize(permissions: readonly Permission[]): string[] {
  const byTarget = new Map<string, { permission: Permission; verbs: string[] }>();
  for (const permission of permissions) {
    const key = permissionKey({ ...permission, verb: '' });
    const entry = byTarget.get(key) ?? { permission, verbs: [] };
    entry.verbs.push(permission.verb);
    byTarget.set(key, entry);
  }
  return [...byTarget.values()].map(({ permission, verbs }) => describePermission({ ...permission, verb: [...verbs].sort().join(', ') }, '').replace(/^\S+ +/, ''));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;');
}
