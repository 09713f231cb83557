import type { KubernetesObject } from '../reachability/endpoints';
import { selects, type LabelSelector } from '../reachability/selectors';

/** One thing a ServiceAccount may do: a verb on a resource of an API group, in a namespace or cluster-wide. */
export interface Permission {
  /** The ServiceAccount, `namespace/name`. */
  readonly serviceAccount: string;
  /** Where: a namespace, or `*` for every namespace (and cluster-scoped resources). */
  readonly namespace: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly verb: string;
  /** Limited to these objects, when the rule names them. */
  readonly resourceNames?: readonly string[];
  /** Set when the binding refers to a role that is not among the objects (a cluster default such as `view`). */
  readonly unresolvedRole?: string;
}

interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs?: readonly string[];
  readonly resourceNames?: readonly string[];
}

interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/**
 * The effective permissions of every ServiceAccount among `objects` (and of any ServiceAccount a
 * binding names), as the API server's RBAC authorizer grants them: Roles through RoleBindings in
 * their namespace; ClusterRoles through RoleBindings in the binding's namespace and through
 * ClusterRoleBindings everywhere; subjects that are the account itself or the groups every
 * account belongs to (`system:serviceaccounts`, `system:serviceaccounts:<namespace>`,
 * `system:authenticated`). Aggregated ClusterRoles get the rules of the ClusterRoles their
 * selectors match, as the aggregation controller computes them. Non-resource URLs are left out.
 * Sorted by account, namespace, group, resource, verb.
 */
export function effectivePermissions(objects: readonly KubernetesObject[], defaultNamespace: string): Permission[] {
  const roles = new Map<string, PolicyRule[]>();
  for (const object of objects) {
    if (object.kind === 'Role') roles.set(`Role/${object.metadata?.namespace ?? defaultNamespace}/${object.metadata?.name}`, rulesOf(object));
  }
  for (const [name, rules] of aggregatedClusterRoles(objects)) roles.set(`ClusterRole//${name}`, rules);

  const accounts = new Set(objects.filter((object) => object.kind === 'ServiceAccount').map((object) => `${object.metadata?.namespace ?? defaultNamespace}/${object.metadata?.name}`));
  const bindings = objects.filter((object) => object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding');
  for (const binding of bindings) {
    for (const subject of subjectsOf(binding, defaultNamespace)) if (subject.kind === 'ServiceAccount') accounts.add(`${subject.namespace}/${subject.name}`);
  }

  const permissions = new Map<string, Permission>();
  for (const binding of bindings) {
    const bindingNamespace = binding.kind === 'RoleBinding' ? (binding.metadata?.namespace ?? defaultNamespace) : '*';
    const roleRef = (binding as any).roleRef ?? {};
    const roleKey = roleRef.kind === 'Role' ? `Role/${bindingNamespace}/${roleRef.name}` : `ClusterRole//${roleRef.name}`;
    const rules = roles.get(roleKey);
    for (const account of [...accounts].sort()) {
      if (!subjectsOf(binding, defaultNamespace).some((subject) => coversAccount(subject, account))) continue;
      if (rules === undefined) {
        add(permissions, { serviceAccount: account, namespace: bindingNamespace, apiGroup: '', resource: '', verb: '', unresolvedRole: `${roleRef.kind} ${roleRef.name}` });
        continue;
      }
      for (const rule of rules) {
        for (const apiGroup of rule.apiGroups ?? [])
          for (const resource of rule.resources ?? [])
            for (const verb of rule.verbs ?? []) add(permissions, { serviceAccount: account, namespace: bindingNamespace, apiGroup, resource, verb, ...(rule.resourceNames?.length ? { resourceNames: [...rule.resourceNames].sort() } : {}) });
      }
    }
  }
  return [...permissions.values()].sort(comparePermissions);
}

/** Every ClusterRole's rules, aggregated ones filled from the roles their selectors match (to a fixed point). */
function aggregatedClusterRoles(objects: readonly KubernetesObject[]): Map<string, PolicyRule[]> {
  const clusterRoles = objects.filter((object) => object.kind === 'ClusterRole');
  const rules = new Map(clusterRoles.map((role) => [role.metadata?.name ?? '', rulesOf(role)]));
  for (let changed = true, rounds = 0; changed && rounds <= clusterRoles.length; rounds++) {
    changed = false;
    for (const role of clusterRoles) {
      const selectors: LabelSelector[] = (role as any).aggregationRule?.clusterRoleSelectors ?? [];
      if (selectors.length === 0) continue;
      const sources = clusterRoles.filter((other) => other !== role && selectors.some((selector) => selects(selector, other.metadata?.labels ?? {})));
      const merged = sources.flatMap((source) => rules.get(source.metadata?.name ?? '') ?? []);
      if (JSON.stringify(merged) !== JSON.stringify(rules.get(role.metadata?.name ?? ''))) {
        rules.set(role.metadata?.name ?? '', merged);
        changed = true;
      }
    }
  }
  return rules;
}

function rulesOf(role: KubernetesObject): PolicyRule[] {
  return ((role as any).rules ?? []).filter((rule: PolicyRule & { nonResourceURLs?: unknown }) => rule.resources !== undefined);
}

/** A binding's subjects; a ServiceAccount without a namespace is in the binding's namespace. */
function subjectsOf(binding: KubernetesObject, defaultNamespace: string): Subject[] {
  const namespace = binding.metadata?.namespace ?? defaultNamespace;
  return ((binding as any).subjects ?? []).map((subject: Subject) => (subject.kind === 'ServiceAccount' ? { ...subject, namespace: subject.namespace ?? namespace } : subject));
}

function coversAccount(subject: Subject, account: string): boolean {
  const [namespace, name] = account.split('/');
  if (subject.kind === 'ServiceAccount') return subject.namespace === namespace && subject.name === name;
  if (subject.kind === 'Group') return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'].includes(subject.name);
  if (subject.kind === 'User') return subject.name === `system:serviceaccount:${namespace}:${name}`;
  return false;
}

function add(permissions: Map<string, Permission>, permission: Permission): void {
  permissions.set(permissionKey(permission), permission);
}

/** Identifies a permission, for sets and for comparing two sides of a review. */
export function permissionKey(permission: Permission): string {
  return [permission.serviceAccount, permission.namespace, permission.apiGroup, permission.resource, permission.verb, permission.resourceNames?.join(',') ?? '', permission.unresolvedRole ?? ''].join('|');
}

function comparePermissions(a: Permission, b: Permission): number {
  return permissionKey(a).localeCompare(permissionKey(b));
}

/** `worker may list secrets in video-app`, `api may get configmaps named app-config in video-app`. */
export function describePermission(permission: Permission, modal = 'may'): string {
  const account = permission.serviceAccount.split('/')[1];
  const where = permission.namespace === '*' ? 'every namespace' : permission.namespace;
  if (permission.unresolvedRole) return `${account} ${modal} do what ${permission.unresolvedRole} (not in dist/) grants in ${where}`;
  const resource = permission.apiGroup === '' ? permission.resource : `${permission.resource}.${permission.apiGroup}`;
  const names = permission.resourceNames ? ` named ${permission.resourceNames.join(', ')}` : '';
  return `${account} ${modal} ${permission.verb} ${resource}${names} in ${where}`;
}
