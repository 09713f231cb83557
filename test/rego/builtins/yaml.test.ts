import { call, callJSON } from './call';

describe('yaml builtins', () => {
  it('marshals block style with sorted keys', () => {
    expect(callJSON('yaml.marshal', { b: [1, 2], a: 'x' })).toBe('a: x\nb:\n- 1\n- 2\n');
    expect(callJSON('yaml.marshal', { a: 'true' })).toBe('a: "true"\n');
  });

  it('unmarshals YAML 1.1 like sigs.k8s.io/yaml and keeps big integers exact', () => {
    expect(callJSON('yaml.unmarshal', 'a: [1, yes]\nb: {c: null}\n')).toEqual({ a: [1, true], b: { c: null } });
    expect(call('yaml.unmarshal', '123456789012345678901')).toBe(123456789012345678901n);
  });

  it('reports invalid documents', () => {
    expect(() => call('yaml.unmarshal', 'a: [1')).toThrow(/^yaml.unmarshal: /);
    expect(call('yaml.is_valid', 'a: b')).toBe(true);
    expect(call('yaml.is_valid', 'a: b: c')).toBe(false);
    expect(call('yaml.is_valid', 'a: 1\na: 2')).toBe(false);
  });
});
