import { parseManifest } from '../../lib/manifest';
import { Validator } from '../../lib/validate';

const TEMPLATE = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: examplerequiredlabels
spec:
  crd:
    spec:
      names:
        kind: ExampleRequiredLabels
      validation:
        openAPIV3Schema:
          type: object
          properties:
            labels: {type: array, items: {type: string}}
  targets:
    - target: admission.k8s.gatekeeper.sh
      code:
        - engine: Rego
          source:
            version: v1
            rego: |
              package examplerequiredlabels
              violation contains {"msg": "no"} if false
            libs: []
`;

const CONSTRAINT = `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: ExampleRequiredLabels
metadata:
  name: must-have-owner
spec:
  enforcementAction: dryrun
  match:
    kinds:
      - apiGroups: [""]
        kinds: [Pod]
    namespaces: [video-app]
    labelSelector:
      matchExpressions:
        - {key: tier, operator: In, values: [web]}
  parameters:
    labels: [owner]
`;

async function validate(text: string) {
  const validator = new Validator();
  return Promise.all(parseManifest(text, 'gatekeeper.yaml').map((document) => validator.validateResource(document)));
}

describe('Gatekeeper schemas in the validator', () => {
  it('accepts a v1 ConstraintTemplate with Rego code and a constraint of its kind', async () => {
    const results = await validate(`${TEMPLATE}---\n${CONSTRAINT}`);
    expect(results.map((r) => [r.kind, r.status, r.findings])).toEqual([
      ['ConstraintTemplate', 'valid', []],
      ['ExampleRequiredLabels', 'valid', []],
    ]);
  });

  it('rejects an unknown field of a template, and a code entry without engine', async () => {
    const [result] = await validate(TEMPLATE.replace('      code:', '      regoo: x\n      code:').replace('        - engine: Rego\n          source:', '        - source:'));
    expect(result.status).toBe('invalid');
    expect(result.findings.map((f) => f.path).sort()).toEqual(['/spec/targets/0/code/0/engine', '/spec/targets/0/regoo']);
  });

  it('rejects an enforcement action Gatekeeper does not know, and a misspelt match field', async () => {
    const [result] = await validate(CONSTRAINT.replace('dryrun', 'block').replace('namespaces:', 'namespace:'));
    expect(result.status).toBe('invalid');
    expect(result.findings.map((f) => f.path).sort()).toEqual(['/spec/enforcementAction', '/spec/match/namespace']);
  });

  it('knows templates only at templates.gatekeeper.sh/v1', async () => {
    const [result] = await validate(TEMPLATE.replace('templates.gatekeeper.sh/v1', 'templates.gatekeeper.sh/v1alpha2'));
    expect(result.status).toBe('error');
    expect(result.findings[0].message).toContain('could not find a schema for ConstraintTemplate templates.gatekeeper.sh/v1alpha2');
  });
});
