import { checkedRules, countExceptions, exceptionName, exceptionQuery, isFailureRule, isWarningRule } from '../../lib/policy/rule-names';

describe('conftest rule names', () => {
  it('treats deny, violation and their _name variants as failures', () => {
    expect(['deny', 'violation', 'deny_image_tag', 'violation_x_1'].every(isFailureRule)).toBe(true);
    expect(['denyall', 'deny_', 'warn', 'exception', 'test_deny'].some(isFailureRule)).toBe(false);
  });

  it('treats warn and warn_name as warnings', () => {
    expect(isWarningRule('warn')).toBe(true);
    expect(isWarningRule('warn_probes')).toBe(true);
    expect(isWarningRule('warning')).toBe(false);
  });

  it('names rules in exceptions without their prefix, and the bare rules as ""', () => {
    expect(exceptionName('deny_image_tag')).toBe('image_tag');
    expect(exceptionName('violation_run_as_root')).toBe('run_as_root');
    expect(exceptionName('warn_probes')).toBe('probes');
    expect(exceptionName('deny')).toBe('');
    expect(exceptionQuery('main', 'deny_image_tag')).toBe('data.main.exception[_][_] == "image_tag"');
  });

  it('counts one exception per collection naming the rule', () => {
    expect(countExceptions([['image_tag', 'labels'], ['image_tag']], 'image_tag')).toBe(2);
    expect(countExceptions([['labels']], 'image_tag')).toBe(0);
    expect(countExceptions(undefined, 'image_tag')).toBe(0);
    expect(countExceptions(['image_tag'], 'image_tag')).toBe(0);
  });

  it('keeps the failure and warning rules, distinct, with the number of definitions', () => {
    expect(checkedRules(['deny', 'warn', 'deny', 'exception', 'helper', 'deny_x'])).toEqual({ names: ['deny', 'warn', 'deny_x'], definitions: 4 });
  });
});
