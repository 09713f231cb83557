import { checkName, DNS1035_LABEL_RULE, DNS1123_LABEL, DNS1123_SUBDOMAIN, nameRuleFor, PATH_SEGMENT } from '../../lib/validate/names';

describe('nameRuleFor', () => {
  it.each([
    ['apps/v1', 'Deployment', DNS1123_SUBDOMAIN],
    ['v1', 'ConfigMap', DNS1123_SUBDOMAIN],
    ['v1', 'Namespace', DNS1123_LABEL],
    ['v1', 'Service', DNS1035_LABEL_RULE],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', PATH_SEGMENT],
    ['monitoring.coreos.com/v1', 'PrometheusRule', DNS1123_SUBDOMAIN],
  ])('%s %s names follow the %s rule', (apiVersion, kind, rule) => {
    expect(nameRuleFor(apiVersion, kind).label).toBe(rule.label);
  });

  it('keeps CronJob names short enough for the Jobs they create', () => {
    const rule = nameRuleFor('batch/v1', 'CronJob');
    expect(checkName('a'.repeat(52), rule)).toBeUndefined();
    expect(checkName('a'.repeat(53), rule)).toBe(`"${'a'.repeat(53)}" is 53 characters long; a DNS-1123 subdomain has at most 52`);
  });
});

describe('checkName', () => {
  it.each(['web', 'web-1', 'web.video', '0web'])('accepts the subdomain %s', (name) => {
    expect(checkName(name, DNS1123_SUBDOMAIN)).toBeUndefined();
  });

  it.each(['Web', 'web_1', '-web', 'web-', 'web..video', ''])('rejects the subdomain %j', (name) => {
    expect(checkName(name, DNS1123_SUBDOMAIN)).toMatch(/is not a valid DNS-1123 subdomain: use lower-case letters/);
  });

  it('rejects dots in labels and a leading digit in DNS-1035 labels', () => {
    expect(checkName('web.video', DNS1123_LABEL)).toMatch(/not a valid DNS-1123 label/);
    expect(checkName('1web', DNS1035_LABEL_RULE)).toMatch(/not a valid DNS-1035 label/);
    expect(checkName('web1', DNS1035_LABEL_RULE)).toBeUndefined();
  });

  it('allows a trailing dash only in a generateName prefix', () => {
    expect(checkName('migrate-', DNS1123_SUBDOMAIN, true)).toBeUndefined();
    expect(checkName('migrate-', DNS1123_SUBDOMAIN)).toBeDefined();
  });

  it('allows RBAC names with colons but not slashes', () => {
    expect(checkName('system:controller:web', PATH_SEGMENT)).toBeUndefined();
    expect(checkName('a/b', PATH_SEGMENT)).toBeDefined();
    expect(checkName('..', PATH_SEGMENT)).toBeDefined();
  });
});
