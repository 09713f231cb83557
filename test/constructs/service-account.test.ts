import { ServiceAccount } from '../../lib/constructs/service-account';
import { find, plainEnvironment, synthesize } from './fixtures';

const build = (serviceName: string, environment = plainEnvironment()) =>
  synthesize((chart) => new ServiceAccount(chart, 'sa', { environment, serviceName }));

describe('ServiceAccount', () => {
  it.each(['web', 'worker'])('gives %s an account without a token and without RBAC', (serviceName) => {
    const manifests = build(serviceName);
    expect(manifests.map((m) => m.kind)).toEqual(['ServiceAccount']);
    const account = find(manifests, 'ServiceAccount', serviceName);
    expect(account.automountServiceAccountToken).toBe(false);
    expect(account.metadata.labels['app.kubernetes.io/name']).toBe(serviceName);
  });

  it('gives the api a token and a Role with exactly its configured rules, bound to its account', () => {
    const manifests = build('api');
    expect(find(manifests, 'ServiceAccount', 'api').automountServiceAccountToken).toBe(true);
    expect(find(manifests, 'Role', 'api').rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]);
    const binding = find(manifests, 'RoleBinding', 'api');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'api' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'api', namespace: 'video-app' }]);
  });

  it('writes rules with sorted lists in a stable order, whatever the configured order', () => {
    const environment = plainEnvironment();
    environment.services.api.kubernetesApi = [
      { apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['watch', 'get'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
    ];
    const rules = find(build('api', environment), 'Role', 'api').rules;
    expect(rules).toEqual([
      { apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
    ]);
    expect(JSON.stringify(rules)).not.toContain('*');
  });
});
