import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import type { ApiAccess, EnvironmentConfig } from '../config';
import { recommendedLabels } from './labels';
import { serviceConfigOf, serviceIdentity } from './service-identity';

/** Props of {@link ServiceAccount}. */
export interface ServiceAccountProps {
  /** The environment the account lives in. */
  readonly environment: EnvironmentConfig;
  /** The service (a key of `environment.services`) the account belongs to; it is named after it. */
  readonly serviceName: string;
}

/**
 * The service's own ServiceAccount, so that no pod runs as `default`. Its token is mounted only when
 * the service uses the Kubernetes API; then a Role with exactly the configured rules (no wildcards:
 * the config schema refuses them) and a RoleBinding to the account are written too.
 */
export class ServiceAccount extends Construct {
  constructor(scope: Construct, id: string, props: ServiceAccountProps) {
    super(scope, id);
    const { environment, serviceName } = props;
    const service = serviceConfigOf(environment, serviceName);
    const metadata = { name: serviceName, labels: recommendedLabels(serviceIdentity(environment, serviceName)) };
    const usesApi = service.kubernetesApi.length > 0;

    new k8s.KubeServiceAccount(this, 'service-account', { metadata, automountServiceAccountToken: usesApi });
    if (!usesApi) return;
    new k8s.KubeRole(this, 'role', { metadata, rules: policyRules(service.kubernetesApi) });
    new k8s.KubeRoleBinding(this, 'role-binding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: serviceName },
      subjects: [{ kind: 'ServiceAccount', name: serviceName, namespace: environment.namespace }],
    });
  }
}

/** The configured rules with their lists sorted, in a stable order, so that reordering YAML yields no diff. */
function policyRules(access: readonly ApiAccess[]): k8s.PolicyRule[] {
  return access
    .map((rule) => ({ apiGroups: [...rule.apiGroups].sort(), resources: [...rule.resources].sort(), verbs: [...rule.verbs].sort() }))
    .sort((a, b) => {
      const [keyA, keyB] = [JSON.stringify(a), JSON.stringify(b)];
      return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
    });
}
