import { call, callJSON, context } from './call';

describe('uuid builtins', () => {
  it('generates random version 4 UUIDs, the same one for the same seed within a query', () => {
    context.cache.clear();
    const first = call('uuid.rfc4122', 'x') as string;
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call('uuid.rfc4122', 'x')).toBe(first);
    expect(call('uuid.rfc4122', 'y')).not.toBe(first);
    context.cache.clear();
    expect(call('uuid.rfc4122', 'x')).not.toBe(first);
    expect(callJSON('uuid.parse', first)).toEqual({ version: 4, variant: 'RFC4122' });
  });

  it('decodes time, node, clock sequence and domain of version 1 and 2 UUIDs', () => {
    const v2 = {
      clocksequence: 12800,
      domain: 'Person',
      id: 1000,
      macvariables: 'local:unicast',
      nodeid: '32-50-96-b3-9f-47',
      time: 1693566990121469600n,
      variant: 'RFC4122',
      version: 2,
    };
    expect(callJSON('uuid.parse', '000003e8-48b9-21ee-b200-325096b39f47')).toEqual(v2);
    expect(callJSON('uuid.parse', 'urn:uuid:000003e8-48b9-21ee-b200-325096b39f47')).toEqual(v2);
    expect(callJSON('uuid.parse', '{00000000-0000-4000-8000-000000000000}')).toEqual({ version: 4, variant: 'RFC4122' });
    expect(callJSON('uuid.parse', '6bea8ef2d3d33cd184e09bab06a52ece')).toEqual({ version: 3, variant: 'RFC4122' });
    expect(callJSON('uuid.parse', '00000000-0000-4000-c000-000000000000')).toEqual({ version: 4, variant: 'Microsoft' });
  });

  it('is undefined for text that is not a UUID and rejects non-strings', () => {
    expect(call('uuid.parse', '00000000-0000-4000-8000-00000000000')).toBeUndefined();
    expect(call('uuid.parse', '00000000_0000-4000-8000-000000000000')).toBeUndefined();
    expect(call('uuid.parse', '0000000g-0000-4000-8000-000000000000')).toBeUndefined();
    expect(() => call('uuid.parse', 123)).toThrow('uuid.parse: operand 1 must be string but got number');
  });
});
