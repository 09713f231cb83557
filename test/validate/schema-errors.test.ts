import { schemaProblems } from '../../lib/validate/schema-errors';

describe('schemaProblems', () => {
  it('merges the oneOf branches of a quantity into one format message', () => {
    const errors = [
      { instancePath: '/limits/memory', keyword: 'type', params: { type: 'number' } },
      { instancePath: '/limits/memory', keyword: 'format', params: { format: 'quantity' } },
      { instancePath: '/limits/memory', keyword: 'oneOf', params: { passingSchemas: null } },
    ];
    expect(schemaProblems(errors, { limits: { memory: '500mi' } })).toEqual([
      { rule: 'schema', path: '/limits/memory', message: '"500mi" is not a Kubernetes quantity such as 500Mi, 2Gi, 250m or 0.5 (suffixes are case-sensitive)' },
    ]);
  });

  it('merges the type branches of an int-or-string into one message naming the value', () => {
    const errors = [
      { instancePath: '/port', keyword: 'type', params: { type: 'string' } },
      { instancePath: '/port', keyword: 'type', params: { type: 'integer' } },
      { instancePath: '/port', keyword: 'oneOf', params: {} },
    ];
    expect(schemaProblems(errors, { port: true })).toEqual([{ rule: 'schema', path: '/port', message: 'expected integer or string, got boolean' }]);
  });

  it('points a missing required field at the field itself', () => {
    const errors = [{ instancePath: '/spec', keyword: 'required', params: { missingProperty: 'selector' } }];
    expect(schemaProblems(errors, { spec: {} })).toEqual([{ rule: 'schema', path: '/spec/selector', message: 'missing required field "selector"' }]);
  });

  it('lists the allowed values of an enum', () => {
    const errors = [{ instancePath: '/policy', keyword: 'enum', params: { allowedValues: ['Always', 'Never'] } }];
    expect(schemaProblems(errors, { policy: 'Sometimes' })[0].message).toBe('"Sometimes" is not allowed: use one of "Always", "Never"');
  });

  it('names the integer bounds of int32 fields', () => {
    const errors = [{ instancePath: '/replicas', keyword: 'format', params: { format: 'int32' } }];
    expect(schemaProblems(errors, { replicas: 2 ** 40 })[0].message).toBe('1099511627776 is not a whole number that fits in 32 bits');
  });

  it('reports each distinct message once', () => {
    const error = { instancePath: '/replicas', keyword: 'type', params: { type: 'integer' } };
    expect(schemaProblems([error, error], { replicas: '3' })).toEqual([{ rule: 'schema', path: '/replicas', message: 'expected integer, got string "3"' }]);
  });
});
