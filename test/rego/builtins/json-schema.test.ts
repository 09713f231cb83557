import { call, callJSON } from './call';

const idSchema = '{"properties": {"id": {"type": "integer"}}, "required": ["id"]}';

describe('json.verify_schema', () => {
  it('accepts valid schemas as strings or objects (OPA test cases)', () => {
    expect(callJSON('json.verify_schema', '{}')).toEqual([true, null]);
    expect(callJSON('json.verify_schema', idSchema)).toEqual([true, null]);
    expect(callJSON('json.verify_schema', { properties: { id: { type: 'integer' } } })).toEqual([true, null]);
  });

  it('reports broken JSON and unknown types with gojsonschema’s messages', () => {
    expect(callJSON('json.verify_schema', '{ "a": "')).toEqual([false, 'jsonschema: invalid JSON string']);
    expect(callJSON('json.verify_schema', '{"properties": {"id": {"type": "UNKNOWN"}}, "required": ["id"]}')).toEqual([
      false,
      'jsonschema: has a primitive type that is NOT VALID -- given: /UNKNOWN/ Expected valid values are:[array boolean integer number null object string]',
    ]);
    expect(callJSON('json.verify_schema', 5)).toEqual([false, 'jsonschema: wrong type, expected string or object']);
    expect((callJSON('json.verify_schema', { minLength: 'x' }) as unknown[])[0]).toBe(false);
  });
});

describe('json.match_schema', () => {
  it('matches documents against schemas (OPA test cases)', () => {
    expect(callJSON('json.match_schema', '{}', '{}')).toEqual([true, []]);
    expect(callJSON('json.match_schema', '{ "id": 5 }', idSchema)).toEqual([true, []]);
    expect(callJSON('json.match_schema', { id: 5 }, { properties: { id: { type: 'integer' } } })).toEqual([true, []]);
  });

  it('describes each failure as gojsonschema does', () => {
    expect(callJSON('json.match_schema', '{ "id": "test" }', idSchema)).toEqual([
      false,
      [{ error: 'id: Invalid type. Expected: integer, given: string', type: 'invalid_type', field: 'id', desc: 'Invalid type. Expected: integer, given: string' }],
    ]);
    expect(callJSON('json.match_schema', {}, idSchema)).toEqual([
      false,
      [{ error: '(root): id is required', type: 'required', field: '(root)', desc: 'id is required' }],
    ]);
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: { tags: { type: 'array', items: { enum: ['a', 'b'] } }, name: { type: 'string', minLength: 3 }, n: { maximum: 10 } },
    };
    const [ok, errors] = callJSON('json.match_schema', { tags: ['a', 'c'], name: 'x', n: 11, extra: 1 }, schema) as [boolean, Array<Record<string, string>>];
    expect(ok).toBe(false);
    expect(errors.map((e) => e.error).sort()).toEqual([
      '(root): Additional property extra is not allowed',
      'n: Must be less than or equal to 10',
      'name: String length must be greater than or equal to 3',
      'tags.1: tags.1 must be one of the following: "a", "b"',
    ]);
  });

  it('reports a failed anyOf first, then the errors of its closest branch only', () => {
    const schema = { properties: { port: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^[0-9]+$' }] } } };
    const [ok, errors] = callJSON('json.match_schema', { port: 0 }, schema) as [boolean, Array<Record<string, string>>];
    expect(ok).toBe(false);
    expect(errors.map((e) => e.error)).toEqual(['port: Must validate at least one schema (anyOf)', 'port: Must be greater than or equal to 1']);
    const ifThen = { if: { properties: { kind: { const: 'a' } } }, then: { required: ['a'] } };
    expect((callJSON('json.match_schema', { kind: 'a' }, ifThen) as [boolean, Array<Record<string, string>>])[1].map((e) => e.type)).toEqual(['condition_then', 'required']);
  });

  it('fails on documents and schemas it cannot load', () => {
    expect(() => call('json.match_schema', '{ "a": "', '{}')).toThrow('json.match_schema: invalid JSON string');
    expect(() => call('json.match_schema', '{}', '{ "a": "')).toThrow('json.match_schema: invalid JSON string');
    expect(() => call('json.match_schema', '{ "id": 5 }', '{"properties": {"id": {"type": "UNKNOWN"}}}')).toThrow(
      'json.match_schema: has a primitive type that is NOT VALID',
    );
    expect(() => call('json.match_schema', 1, '{}')).toThrow('json.match_schema: wrong type, expected string or object');
  });
});
