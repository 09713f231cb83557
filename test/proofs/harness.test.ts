import { humanizeDuration } from './alert-cases';
import { durationMinutes, expectedAnnotation } from './promtool-tests';
import { findTool, missingTools } from './tools';

describe('proof harness', () => {
  const absent = { command: 'no-such-proof-tool', debianPackages: 'no-such-package' };

  it('finds installed tools and reports absent ones', () => {
    expect(findTool({ command: 'sh', debianPackages: 'dash' })).toMatch(/\/sh$/);
    expect(findTool(absent)).toBeUndefined();
  });

  it('skips locally with an install hint, and fails in CI', () => {
    const previous = process.env.CI;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      delete process.env.CI;
      expect(missingTools([absent], 'a proof')).toEqual([absent]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('apt-get install -y --no-install-recommends no-such-package'));
      process.env.CI = 'true';
      expect(() => missingTools([absent], 'a proof')).toThrow(/no-such-proof-tool not found.*CI=true/);
    } finally {
      warn.mockRestore();
      if (previous === undefined) delete process.env.CI;
      else process.env.CI = previous;
    }
  });

  it('fills annotation templates with the alert labels and value, and refuses unknown labels', () => {
    expect(expectedAnnotation('{{ $labels.pod }} at {{ $value | printf "%.0f" }}%', { pod: 'api-1' }, '95', 'here')).toBe('api-1 at 95%');
    expect(() => expectedAnnotation('{{ $labels.containr }}', { container: 'api' }, undefined, 'HighErrorRate')).toThrow(/\$labels\.containr, which the alert does not carry/);
    expect(() => expectedAnnotation('{{ $value }}', {}, undefined, 'here')).toThrow(/give the scenario a valueText/);
    expect(() => expectedAnnotation('{{ humanize 3 }}', {}, undefined, 'here')).toThrow(/unsupported template/);
  });

  it('reads for: durations and prints durations as humanizeDuration does', () => {
    expect(durationMinutes('15m')).toBe(15);
    expect(durationMinutes('1h30m')).toBe(90);
    expect(() => durationMinutes('30s')).toThrow(/not a duration in hours and minutes/);
    expect(humanizeDuration(1.95)).toBe('1.95s');
    expect(humanizeDuration(1.1666666)).toBe('1.167s');
    expect(humanizeDuration(0.4875)).toBe('487.5ms');
    expect(() => humanizeDuration(90)).toThrow(/outside the 1ms–60s range/);
  });
});
