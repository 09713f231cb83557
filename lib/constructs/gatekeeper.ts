import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config';
import { Constraint, ConstraintTemplate, constraintsGroup, type EnforcementAction, type KindMatch } from './gatekeeper-objects';
import { environmentFields, policyModules, templateRego, type PolicyModule, type RegoSourceFile } from './gatekeeper-rego';
import { recommendedLabels } from './labels';
import { podSpecKinds } from './pod-spec-kinds';

/**
 * Argo CD skips the dry run of these objects when their kind is not served yet: a constraint's kind
 * exists only once Gatekeeper has ingested its template in the same sync.
 */
export const skipDryRunAnnotation = { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' } as const;

/**
 * Kinds that someone could create by hand in the namespace to run code or grant access beside the
 * platform (`kubectl run`, `kubectl create job`, a StatefulSet or DaemonSet applied with kubectl):
 * reviewed whether or not the chart deploys them, so that the pod-security, image and RBAC rules
 * cannot be bypassed by choosing another kind. Only namespaced kinds: a constraint scoped to the
 * environment's namespace would otherwise judge every cluster-scoped object of the cluster.
 */
const runtimeKinds: readonly { group: string; kind: string }[] = [
  ...podSpecKinds,
  ...['Role', 'RoleBinding'].map((kind) => ({ group: 'rbac.authorization.k8s.io', kind })),
];

/** Props of {@link AdmissionPolicies}. */
export interface AdmissionPoliciesProps {
  /** The environment whose namespace the constraints guard. */
  readonly environment: EnvironmentConfig;
  /**
   * The Rego modules of `policies/` (tests excluded), as the CI gate runs them; the app reads them
   * (lib/policy-sources.ts). The per-object ones (package `main`) are wrapped; others are ignored.
   */
  readonly policySources: readonly RegoSourceFile[];
}

/**
 * The per-object policies of `policies/`, enforced in the cluster by Gatekeeper: per policy module
 * one ConstraintTemplate (its failure rules) and, when it has warning rules, one more for those,
 * each with a constraint scoped to the environment's namespace and to the kinds the chart deploys.
 * Create it last in its chart: the kinds are read from the objects already in the chart.
 *
 * Templates and constraints are cluster-scoped, so their kinds carry the environment's name: each
 * environment's Argo CD Application owns its own, and production's are changed only by its sync.
 */
export class AdmissionPolicies extends Construct {
  /** The generated templates, by constraint kind. */
  readonly templates = new Map<string, ConstraintTemplate>();
  /** The generated constraints, by constraint kind. */
  readonly constraints = new Map<string, Constraint>();

  constructor(scope: Construct, id: string, props: AdmissionPoliciesProps) {
    super(scope, id);
    const { environment } = props;
    const modules = policyModules(props.policySources);
    const kinds = reviewedKinds(Chart.of(this));
    const parameters = constraintParameters(environment, environmentFields(modules));
    const action = environment.admission.enforcementAction;
    for (const module of modules) {
      const prefix = `${pascalCase(environment.partOf)}${pascalCase(environment.name)}${pascalCase(module.id)}`;
      const variants: { kind: string; name: string; rules: readonly string[]; action: EnforcementAction }[] = [
        { kind: prefix, name: kebabCase(module.id), rules: module.failureRules, action },
        // A warning never blocks: at most `warn`, and as quiet as the environment's action.
        { kind: `${prefix}Warnings`, name: `${kebabCase(module.id)}-warnings`, rules: module.warningRules, action: action === 'deny' ? 'warn' : action },
      ];
      for (const variant of variants) {
        if (variant.rules.length === 0) continue;
        this.addPolicy(environment, module, variant, kinds, parameters);
      }
    }
  }

  private addPolicy(
    environment: EnvironmentConfig,
    module: PolicyModule,
    variant: { kind: string; name: string; rules: readonly string[]; action: EnforcementAction },
    kinds: readonly KindMatch[],
    parameters: Record<string, unknown> | undefined,
  ): void {
    const labels = recommendedLabels({ name: 'admission-policies', component: 'admission', partOf: environment.partOf, environment: environment.name });
    const templateName = variant.kind.toLowerCase();
    const template = new ConstraintTemplate(this, `${variant.name}-template`, {
      kind: variant.kind,
      metadata: {
        name: templateName,
        labels,
        annotations: { ...skipDryRunAnnotation, description: `Rules ${variant.rules.join(', ')} of ${module.source.path}, as the CI gate runs them.` },
      },
      parametersSchema: { type: 'object', properties: { environment: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
      rego: templateRego(templateName, module, variant.rules),
      libs: module.libs,
    });
    const constraint = new Constraint(this, `${variant.name}-constraint`, {
      kind: variant.kind,
      metadata: { name: variant.name, labels, annotations: { ...skipDryRunAnnotation } },
      enforcementAction: variant.action,
      namespaces: [environment.namespace],
      kinds,
      parameters,
    });
    this.templates.set(variant.kind, template);
    this.constraints.set(variant.kind, constraint);
  }
}

/** The chart's kinds (Gatekeeper's own excepted) and {@link runtimeKinds}, grouped by API group, sorted. */
export function reviewedKinds(chart: Chart): KindMatch[] {
  const byGroup = new Map<string, Set<string>>();
  const add = (group: string, kind: string): void => {
    const kinds = byGroup.get(group) ?? new Set<string>();
    byGroup.set(group, kinds.add(kind));
  };
  for (const object of chart.node.findAll()) {
    if (!(object instanceof ApiObject)) continue;
    const slash = object.apiVersion.indexOf('/');
    const group = slash === -1 ? '' : object.apiVersion.slice(0, slash);
    if (group === constraintsGroup || group === 'templates.gatekeeper.sh') continue;
    add(group, object.kind);
  }
  for (const { group, kind } of runtimeKinds) add(group, kind);
  return [...byGroup.keys()].sort().map((group) => ({ apiGroups: [group], kinds: [...byGroup.get(group)!].sort() }));
}

/** `parameters.environment`: the environment fields the policies read, or nothing when they read none. */
function constraintParameters(environment: EnvironmentConfig, fields: readonly string[]): Record<string, unknown> | undefined {
  const values: Record<string, unknown> = {};
  const config = environment as unknown as Record<string, unknown>;
  for (const field of fields) if (config[field] !== undefined) values[field] = config[field];
  return fields.length === 0 ? undefined : { environment: values };
}

function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function kebabCase(text: string): string {
  return text.replace(/_/g, '-');
}
