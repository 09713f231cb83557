import { call } from './call';

describe('semver builtins', () => {
  it('validates strict semantic versions', () => {
    expect(call('semver.is_valid', '1.2.3-rc.1+build.5')).toBe(true);
    expect(call('semver.is_valid', 'v1.2.3')).toBe(false);
    expect(call('semver.is_valid', '01.2.3')).toBe(false);
    expect(call('semver.is_valid', '1.2')).toBe(false);
    expect(call('semver.is_valid', 1)).toBe(false);
  });

  it('compares by SemVer precedence, ignoring build metadata', () => {
    expect(call('semver.compare', '1.2.3', '1.10.0')).toBe(-1);
    expect(call('semver.compare', '1.0.0', '1.0.0-rc.1')).toBe(1);
    expect(call('semver.compare', '1.0.0-alpha.2', '1.0.0-alpha.10')).toBe(-1);
    expect(call('semver.compare', '1.0.0-alpha', '1.0.0-alpha.1')).toBe(-1);
    expect(call('semver.compare', '1.0.0+a', '1.0.0+b')).toBe(0);
    expect(() => call('semver.compare', '1.0', '1.0.0')).toThrow('semver.compare: operand 1: string 1.0 is not a valid SemVer');
  });
});
