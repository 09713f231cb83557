import { call, context } from './call';

describe('rand.intn', () => {
  it('draws from [0, |n|) and repeats the draw for the same (str, n) within a query', () => {
    context.cache.clear();
    const first = call('rand.intn', 'seed', 1000) as number;
    expect(Number.isInteger(first) && first >= 0 && first < 1000).toBe(true);
    expect(call('rand.intn', 'seed', 1000)).toBe(first);
    expect(call('rand.intn', 'seed', -1000)).toBe(first);
    const draws = new Set(Array.from({ length: 50 }, (_, i) => call('rand.intn', `s${i}`, 1000)));
    expect(draws.size).toBeGreaterThan(1);
    expect([...draws].every((d) => (d as number) >= 0 && (d as number) < 1000)).toBe(true);
  });

  it('answers 0 for n = 0 and rejects non-integers', () => {
    expect(call('rand.intn', 'x', 0)).toBe(0);
    expect(() => call('rand.intn', 'x', 1.5)).toThrow('rand.intn: operand 2 must be integer number but got floating-point number');
    expect(() => call('rand.intn', 1, 2)).toThrow('rand.intn: operand 1 must be string but got number');
  });
});
