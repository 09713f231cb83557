import { join } from 'node:path';
import { loadEnvironment, type EnvironmentConfig } from '../../lib/config';
import { describePermission, effectivePermissions, type Permission } from '../../lib/review/rbac';
import type { KubernetesObject } from '../../lib/review/reachability';
import { generatedEnvironments, generatedObjects } from './generated-objects';

const loadConfig = (environment: string): EnvironmentConfig => loadEnvironment(join(__dirname, '../../environments', `${environment}.yaml`));
const described = (permissions: readonly Permission[]): string[] => permissions.map((permission) => describePermission(permission)).sort();

/** What each service needs, from its `kubernetesApi` settings: those verbs on those resources in its namespace, and nothing else. */
function needed(config: EnvironmentConfig): string[] {
  const lines: string[] = [];
  for (const [name, service] of Object.entries(config.services)) {
    for (const access of service.kubernetesApi)
      for (const group of access.apiGroups)
        for (const resource of access.resources)
          for (const verb of access.verbs) lines.push(`${name} may ${verb} ${group === '' ? resource : `${resource}.${group}`} in ${config.namespace}`);
  }
  return [...new Set(lines)].sort();
}

describe.each(generatedEnvironments())('effective RBAC permissions of dist/%s', (environment) => {
  it('grants each ServiceAccount exactly what its service declares in kubernetesApi, and the backups nothing', () => {
    const config = loadConfig(environment);
    const permissions = effectivePermissions(generatedObjects(environment), config.namespace);
    expect(described(permissions)).toEqual(needed(config));
    expect(needed(config).length).toBeGreaterThan(0);
    expect(permissions.filter((permission) => permission.serviceAccount.endsWith('/backup'))).toEqual([]);
  });
});

describe('effective permissions, as the RBAC authorizer grants them', () => {
  const ns = 'video-app';
  const account = (name: string): KubernetesObject => ({ kind: 'ServiceAccount', metadata: { name, namespace: ns } });
  const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', roleKind: string, role: string, subjects: object[], namespace?: string): KubernetesObject =>
    ({ kind, metadata: { name: `${role}-binding`, ...(namespace ? { namespace } : {}) }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role }, subjects }) as KubernetesObject;
  const clusterRole = (name: string, rules: object[], labels: Record<string, string> = {}, aggregationRule?: object): KubernetesObject =>
    ({ kind: 'ClusterRole', metadata: { name, labels }, rules, ...(aggregationRule ? { aggregationRule } : {}) }) as KubernetesObject;
  const readSecrets = { apiGroups: [''], resources: ['secrets'], verbs: ['list'] };

  it('scopes a ClusterRole bound by a RoleBinding to the binding namespace, and a ClusterRoleBinding to every namespace', () => {
    const role = clusterRole('secret-reader', [readSecrets]);
    const subject = { kind: 'ServiceAccount', name: 'worker', namespace: ns };
    expect(described(effectivePermissions([account('worker'), role, binding('RoleBinding', 'ClusterRole', 'secret-reader', [subject], ns)], ns))).toEqual(['worker may list secrets in video-app']);
    expect(described(effectivePermissions([account('worker'), role, binding('ClusterRoleBinding', 'ClusterRole', 'secret-reader', [subject])], ns))).toEqual(['worker may list secrets in every namespace']);
  });

  it('resolves aggregated ClusterRoles from the roles their selectors match', () => {
    const aggregated = clusterRole('monitoring', [], {}, { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] });
    const part = clusterRole('pods-reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], { 'rbac.example.com/aggregate-to-monitoring': 'true' });
    const other = clusterRole('nodes-reader', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }]);
    const objects = [account('api'), aggregated, part, other, binding('RoleBinding', 'ClusterRole', 'monitoring', [{ kind: 'ServiceAccount', name: 'api' }], ns)];
    expect(described(effectivePermissions(objects, ns))).toEqual(['api may get pods in video-app']);
  });

  it('grants through the groups every ServiceAccount is in, and not through other subjects', () => {
    const role = clusterRole('secret-reader', [readSecrets]);
    const toGroup = (name: string) => [account('web'), role, binding('RoleBinding', 'ClusterRole', 'secret-reader', [{ kind: 'Group', name }], ns)];
    expect(described(effectivePermissions(toGroup(`system:serviceaccounts:${ns}`), ns))).toEqual(['web may list secrets in video-app']);
    expect(described(effectivePermissions(toGroup('system:serviceaccounts:other'), ns))).toEqual([]);
    expect(described(effectivePermissions(toGroup('developers'), ns))).toEqual([]);
  });

  it('names a bound role that is not among the objects instead of guessing its rules', () => {
    const objects = [account('api'), binding('RoleBinding', 'ClusterRole', 'view', [{ kind: 'ServiceAccount', name: 'api' }], ns)];
    expect(described(effectivePermissions(objects, ns))).toEqual(['api may do what ClusterRole view (not in dist/) grants in video-app']);
  });
});
