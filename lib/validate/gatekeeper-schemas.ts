import { parseManifest } from '../manifest';
import { CrdSchemas } from './crd-schemas';
import type { KindSchema } from './package-schemas';

/**
 * Schemas of Gatekeeper's custom resources, for kinds no npm models package ships: the
 * ConstraintTemplate CRD as Gatekeeper installs it (templates.gatekeeper.sh, served version v1;
 * descriptions left out), and the shape Gatekeeper gives every constraint kind it creates from a
 * template (constraints.gatekeeper.sh/v1beta1: `match`, `enforcementAction`, `parameters`).
 */

type Schema = Record<string, unknown>;

const stringList: Schema = { type: 'array', items: { type: 'string' } };
const preserved: Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** The ConstraintTemplate CRD (apiextensions.k8s.io/v1), version v1 only. */
export const constraintTemplateCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'constrainttemplates.templates.gatekeeper.sh' },
  spec: {
    group: 'templates.gatekeeper.sh',
    names: { kind: 'ConstraintTemplate', listKind: 'ConstraintTemplateList', plural: 'constrainttemplates', singular: 'constrainttemplate' },
    scope: 'Cluster',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: {
                type: 'object',
                properties: {
                  crd: {
                    type: 'object',
                    properties: {
                      spec: {
                        type: 'object',
                        properties: {
                          names: { type: 'object', properties: { kind: { type: 'string' }, shortNames: stringList } },
                          validation: {
                            type: 'object',
                            default: { legacySchema: false },
                            properties: { legacySchema: { type: 'boolean', default: false }, openAPIV3Schema: preserved },
                          },
                        },
                      },
                    },
                  },
                  targets: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        code: {
                          type: 'array',
                          'x-kubernetes-list-map-keys': ['engine'],
                          'x-kubernetes-list-type': 'map',
                          items: {
                            type: 'object',
                            required: ['engine', 'source'],
                            properties: { engine: { type: 'string' }, source: { 'x-kubernetes-preserve-unknown-fields': true } },
                          },
                        },
                        libs: stringList,
                        rego: { type: 'string' },
                        target: { type: 'string' },
                      },
                    },
                  },
                },
              },
              status: preserved,
            },
          },
        },
      },
    ],
  },
} as const;

const labelSelector: Schema = {
  type: 'object',
  properties: {
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: { key: { type: 'string' }, operator: { type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }, values: stringList },
      },
    },
  },
};

/**
 * The schema of every constraint kind. `parameters` is free here: its schema is the template's
 * `openAPIV3Schema`. The enforcement actions are those Gatekeeper's webhook accepts.
 */
export const constraintSchema: Schema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        enforcementAction: { type: 'string', enum: ['deny', 'dryrun', 'warn', 'scoped'] },
        scopedEnforcementActions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              action: { type: 'string' },
              enforcementPoints: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
            },
          },
        },
        match: {
          type: 'object',
          properties: {
            kinds: { type: 'array', items: { type: 'object', properties: { apiGroups: stringList, kinds: stringList } } },
            scope: { type: 'string', enum: ['*', 'Cluster', 'Namespaced'] },
            namespaces: stringList,
            excludedNamespaces: stringList,
            labelSelector,
            namespaceSelector: labelSelector,
            name: { type: 'string' },
            source: { type: 'string', enum: ['All', 'Generated', 'Original'] },
          },
        },
        parameters: preserved,
      },
    },
    status: preserved,
  },
};

/** A CRD for one constraint kind, as Gatekeeper creates it from a ConstraintTemplate. */
function constraintCrd(kind: string): Schema {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${kind.toLowerCase()}.constraints.gatekeeper.sh` },
    spec: {
      group: 'constraints.gatekeeper.sh',
      names: { kind, plural: kind.toLowerCase() },
      scope: 'Cluster',
      versions: [{ name: 'v1beta1', served: true, storage: true, schema: { openAPIV3Schema: constraintSchema } }],
    },
  };
}

/**
 * The schema source of Gatekeeper's kinds for the catalog: ConstraintTemplates from the CRD above,
 * and any kind of constraints.gatekeeper.sh/v1beta1 (the kinds are whatever templates name) from
 * one CRD of the shape every constraint kind shares, both compiled like `--crd` manifests.
 */
export class GatekeeperSchemas {
  private readonly templates = crdSchemasOf(constraintTemplateCrd, 'gatekeeper:ConstraintTemplate');
  /** Every constraint kind has the same schema: compiled once, under a placeholder kind. */
  private constraint: KindSchema | undefined;

  schemaFor(apiVersion: string, kind: string): KindSchema | undefined {
    if (apiVersion === 'templates.gatekeeper.sh/v1') return this.templates.schemaFor(apiVersion, kind);
    if (apiVersion !== 'constraints.gatekeeper.sh/v1beta1' || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
    this.constraint ??= crdSchemasOf(constraintCrd(constraintPlaceholderKind), 'gatekeeper:constraint').schemaFor(apiVersion, constraintPlaceholderKind);
    return this.constraint && { ...this.constraint, kind };
  }
}

const constraintPlaceholderKind = 'Constraint';

function crdSchemasOf(crd: object, origin: string): CrdSchemas {
  return new CrdSchemas(parseManifest(JSON.stringify(crd), origin));
}
