import { checkFields, closestName, UNLEARNED } from '../../lib/validate/field-check';
import { FieldNode, validateAndLearn, type GeneratedValidator } from '../../lib/validate/field-tree';

/**
 * A stand-in for an ajv-generated validator, reading properties the way generated code does:
 * `data.x !== undefined` for declared properties, `for (key in data)` for maps, nothing for
 * free-form objects. Schema: { spec: { replicas, labels: map<string>, ports: [{ containerPort, name }], values: free-form } }.
 */
const fakeValidator: GeneratedValidator = (data: unknown) => {
  const resource = data as Record<string, unknown>;
  if (resource.apiVersion !== undefined && resource.kind !== undefined && resource.spec !== undefined) {
    const spec = resource.spec as Record<string, unknown>;
    void spec.replicas;
    if (spec.labels !== undefined) for (const key in spec.labels as object) void key;
    if (Array.isArray(spec.ports)) for (const port of spec.ports as Record<string, unknown>[]) void [port.containerPort, port.name];
    void spec.values;
  }
  return true;
};

const resource = (spec: Record<string, unknown>): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'Fake', spec });

function learned(...examples: Record<string, unknown>[]): FieldNode {
  const root = new FieldNode();
  for (const example of examples) validateAndLearn(fakeValidator, example, root);
  return root;
}

describe('validateAndLearn', () => {
  it('learns declared properties, maps and free-form objects from what the validator reads', () => {
    const root = learned(resource({ replicas: 1, labels: { a: 'b' }, ports: [{ containerPort: 80 }], values: { x: { y: 1 } } }));
    const spec = root.child('spec') as FieldNode;
    expect(root.shape).toBe('fields');
    expect([...root.properties].sort()).toEqual(['apiVersion', 'kind', 'spec']);
    expect([...spec.properties].sort()).toEqual(['labels', 'ports', 'replicas', 'values']);
    expect(spec.child('labels')?.shape).toBe('map');
    expect(spec.child('values')?.shape).toBe('free');
    expect([...(spec.child('ports')?.child('*')?.properties ?? [])].sort()).toEqual(['containerPort', 'name']);
  });

  it('returns the validator verdict', () => {
    const rejecting: GeneratedValidator = () => false;
    expect(validateAndLearn(rejecting, resource({}), new FieldNode())).toBe(false);
  });
});

describe('checkFields', () => {
  const root = learned(resource({ replicas: 1, labels: { a: 'b' }, ports: [{ containerPort: 80 }], values: { x: 1 } }));

  it('reports unknown fields at their JSON path, with a suggestion', () => {
    expect(checkFields(resource({ replica: 1, ports: [{ containerPort: 80, protocl: 'TCP' }] }), root, true)).toEqual([
      { rule: 'unknown-field', path: '/spec/replica', message: 'unknown field "replica": did you mean "replicas"?' },
      { rule: 'unknown-field', path: '/spec/ports/0/protocl', message: 'unknown field "protocl": remove it, or pass --no-strict to allow unknown fields' },
    ]);
  });

  it('accepts any key in maps and anything inside free-form objects', () => {
    expect(checkFields(resource({ labels: { anything: 'goes' }, values: { deeply: { nested: [1] } } }), root, true)).toEqual([]);
  });

  it('does not report unknown fields when not strict, but still checks formats', () => {
    expect(checkFields(resource({ replica: 1, ports: [{ containerPort: 0 }] }), root, false)).toEqual([
      { rule: 'port-range', path: '/spec/ports/0/containerPort', message: 'port 0 is out of range: use a number from 1 to 65535' },
    ]);
  });

  it('escapes JSON pointer segments', () => {
    expect(checkFields(resource({ 'a/b~c': 1 }), root, true)).toMatchObject([{ path: '/spec/a~1b~0c' }]);
  });

  it('asks to learn when the resource reaches a location not seen yet, and not after learning', () => {
    const partial = learned(resource({ replicas: 1 }));
    const wider = resource({ ports: [{ containerPort: 80 }] });
    expect(checkFields(wider, partial, true)).toBe(UNLEARNED);
    validateAndLearn(fakeValidator, wider, partial);
    expect(checkFields(wider, partial, true)).toEqual([]);
  });
});

describe('closestName', () => {
  it('suggests near misses and case slips only', () => {
    expect(closestName('replica', ['replicas', 'selector'])).toBe('replicas');
    expect(closestName('ImagePullPolicy', ['imagePullPolicy'])).toBe('imagePullPolicy');
    expect(closestName('sidecarMode', ['image', 'name'])).toBeUndefined();
  });
});

describe('learning from YAML aliases', () => {
  it('learns an object that appears in two places from both', () => {
    const shared = { containerPort: 80 };
    const root = learned(resource({ ports: [shared, shared] }));
    expect(checkFields(resource({ ports: [shared, shared] }), root, true)).toEqual([]);
  });
});
