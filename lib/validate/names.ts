/**
 * Kubernetes object name rules (apimachinery's validation package): most kinds take a DNS-1123
 * subdomain, some a stricter label, RBAC kinds any path segment.
 */

/** A naming rule: how to check a name and how to explain a failure. */
export interface NameRule {
  /** Shown in messages, e.g. "DNS-1123 subdomain". */
  readonly label: string;
  readonly maxLength: number;
  readonly test: (name: string) => boolean;
  /** What a valid name looks like, shown after a failure. */
  readonly hint: string;
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Most kinds, and every custom resource. */
export const DNS1123_SUBDOMAIN: NameRule = {
  label: 'DNS-1123 subdomain',
  maxLength: 253,
  test: (name) => SUBDOMAIN.test(name),
  hint: "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit",
};

/** Namespaces, and the namespace field of every object. */
export const DNS1123_LABEL: NameRule = {
  label: 'DNS-1123 label',
  maxLength: 63,
  test: (name) => LABEL.test(name),
  hint: "lower-case letters, digits and '-', starting and ending with a letter or digit",
};

/** Services: their names become DNS labels and environment variable prefixes. */
export const DNS1035_LABEL_RULE: NameRule = {
  label: 'DNS-1035 label',
  maxLength: 63,
  test: (name) => DNS1035_LABEL.test(name),
  hint: "lower-case letters, digits and '-', starting with a letter and ending with a letter or digit",
};

/** RBAC objects: anything usable as a URL path segment. */
export const PATH_SEGMENT: NameRule = {
  label: 'path segment name',
  maxLength: 253,
  test: (name) => name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%'),
  hint: "anything but '.', '..', or a name containing '/' or '%'",
};

/** CronJobs: the Job names they create append 11 characters to a DNS-1123 subdomain of at most 63. */
const CRONJOB_NAME: NameRule = { ...DNS1123_SUBDOMAIN, maxLength: 52 };

const RULES_BY_GROUP_KIND: ReadonlyMap<string, NameRule> = new Map([
  ['/Namespace', DNS1123_LABEL],
  ['/Service', DNS1035_LABEL_RULE],
  ['batch/CronJob', CRONJOB_NAME],
  ['rbac.authorization.k8s.io/ClusterRole', PATH_SEGMENT],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', PATH_SEGMENT],
  ['rbac.authorization.k8s.io/Role', PATH_SEGMENT],
  ['rbac.authorization.k8s.io/RoleBinding', PATH_SEGMENT],
]);

/** The rule metadata.name must follow for an apiVersion/kind. */
export function nameRuleFor(apiVersion: string, kind: string): NameRule {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return RULES_BY_GROUP_KIND.get(`${group}/${kind}`) ?? DNS1123_SUBDOMAIN;
}

/**
 * Why a name breaks a rule, or undefined when it is fine. With `prefix` (metadata.generateName) a
 * trailing '-' is allowed, since a random suffix follows it.
 */
export function checkName(name: string, rule: NameRule, prefix = false): string | undefined {
  const checked = prefix && name.endsWith('-') ? name.slice(0, -1) : name;
  if (name.length > rule.maxLength) {
    return `${JSON.stringify(name)} is ${name.length} characters long; a ${rule.label} has at most ${rule.maxLength}`;
  }
  if (checked === '' || !rule.test(checked)) {
    return `${JSON.stringify(name)} is not a valid ${rule.label}: use ${rule.hint}`;
  }
  return undefined;
}
