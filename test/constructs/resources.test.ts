import { containerResources, halfCpu, halfMemory } from '../../lib/constructs/resources';

describe('halfCpu', () => {
  it.each([
    ['500m', '250m'],
    ['1000m', '500m'],
    ['1', '500m'],
    ['2', '1'],
    ['0.5', '250m'],
    ['1.5', '750m'],
    ['125m', '63m'],
    ['1m', '1m'],
  ])('halves %s to %s, rounding up to whole millicores', (limit, request) => {
    expect(halfCpu(limit)).toBe(request);
  });

  it('refuses a value that is not a CPU quantity', () => {
    expect(() => halfCpu('half')).toThrow('"half" is not a CPU quantity');
  });
});

describe('halfMemory', () => {
  it.each([
    ['1Gi', '512Mi'],
    ['512Mi', '256Mi'],
    ['2Gi', '1Gi'],
    ['1.5Gi', '768Mi'],
    ['1Ki', '512'],
    ['1G', '500M'],
    ['3', '2'],
  ])('halves %s to %s in the largest exact unit of the same family', (limit, request) => {
    expect(halfMemory(limit)).toBe(request);
  });

  it('refuses a value that is not a memory quantity', () => {
    expect(() => halfMemory('1gb')).toThrow('"1gb" is not a memory quantity');
  });
});

describe('containerResources', () => {
  it('keeps the configured limits and requests half of each', () => {
    expect(containerResources({ cpu: '500m', memory: '1Gi' })).toEqual({
      limits: { cpu: '500m', memory: '1Gi' },
      requests: { cpu: '250m', memory: '512Mi' },
    });
  });
});
