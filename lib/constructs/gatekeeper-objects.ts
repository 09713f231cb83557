import { ApiObject, JsonPatch, type ApiObjectMetadata } from 'cdk8s';
import type { Construct } from 'constructs';

/** Gatekeeper's admission target: the templates' Rego reviews Kubernetes admission requests. */
export const admissionTarget = 'admission.k8s.gatekeeper.sh';

/** The API group of the constraint kinds that Gatekeeper creates from templates. */
export const constraintsGroup = 'constraints.gatekeeper.sh';

/** How a constraint reacts to a violation. */
export type EnforcementAction = 'deny' | 'dryrun' | 'warn';

/** The kinds a constraint reviews, one entry per API group (`""` is the core group). */
export interface KindMatch {
  readonly apiGroups: readonly string[];
  readonly kinds: readonly string[];
}

/** Props of {@link ConstraintTemplate}. */
export interface ConstraintTemplateProps {
  readonly metadata: ApiObjectMetadata;
  /** The constraint kind the template defines; the template's name must be its lowercase. */
  readonly kind: string;
  /** OpenAPI v3 schema of the constraints' `spec.parameters` (structural, as v1 requires). */
  readonly parametersSchema: Record<string, unknown>;
  /** Entry point, Rego v1, defining `violation`. */
  readonly rego: string;
  /** Library modules, Rego v1, packages below `lib.`. */
  readonly libs: readonly string[];
}

/**
 * A templates.gatekeeper.sh/v1 ConstraintTemplate (cluster-scoped) with Rego v1 code for the
 * admission target, in the `code` form that Gatekeeper 3.19+ needs to accept v1 syntax.
 */
export class ConstraintTemplate extends ApiObject {
  constructor(scope: Construct, id: string, props: ConstraintTemplateProps) {
    if (props.metadata.name !== props.kind.toLowerCase()) {
      throw new Error(`ConstraintTemplate ${props.metadata.name}: Gatekeeper requires the name to be the lowercase kind "${props.kind.toLowerCase()}"`);
    }
    super(scope, id, {
      apiVersion: 'templates.gatekeeper.sh/v1',
      kind: 'ConstraintTemplate',
      metadata: props.metadata,
      spec: {
        crd: { spec: { names: { kind: props.kind }, validation: { openAPIV3Schema: props.parametersSchema } } },
        targets: [
          {
            target: admissionTarget,
            code: [{ engine: 'Rego', source: { version: 'v1', rego: props.rego, libs: [...props.libs] } }],
          },
        ],
      },
    });
    // Cluster-scoped: the chart's default namespace must not leak into it.
    this.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}

/** Props of {@link Constraint}. */
export interface ConstraintProps {
  readonly metadata: ApiObjectMetadata;
  /** The kind its template defines. */
  readonly kind: string;
  readonly enforcementAction: EnforcementAction;
  /** The namespaces it reviews objects in. */
  readonly namespaces: readonly string[];
  readonly kinds: readonly KindMatch[];
  /** Values for the template's Rego, as `input.parameters`; omitted when undefined. */
  readonly parameters?: Record<string, unknown>;
}

/** A constraints.gatekeeper.sh/v1beta1 constraint (cluster-scoped): where and how a template applies. */
export class Constraint extends ApiObject {
  constructor(scope: Construct, id: string, props: ConstraintProps) {
    super(scope, id, {
      apiVersion: `${constraintsGroup}/v1beta1`,
      kind: props.kind,
      metadata: props.metadata,
      spec: {
        enforcementAction: props.enforcementAction,
        match: {
          kinds: props.kinds.map((match) => ({ apiGroups: [...match.apiGroups], kinds: [...match.kinds] })),
          namespaces: [...props.namespaces],
        },
        ...(props.parameters === undefined ? {} : { parameters: props.parameters }),
      },
    });
    this.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}
