import { compile } from '../../../lib/rego';

const evaluate = (modules: Record<string, string>, ref: string): unknown =>
  compile(Object.entries(modules).map(([path, text]) => ({ path, text }))).evaluate(ref);

const policy = `# METADATA
# title: Deployments
# description: Checks deployments
# authors:
# - Jane Doe <jane@example.com>
# organizations: [Acme]
# custom:
#   severity: HIGH
package k8s.deploy

# METADATA
# title: No latest tag
# related_resources:
# - https://example.com/latest
# custom:
#   id: K8S-001
deny contains msg if {
  input.image == "latest"
  msg := rego.metadata.rule().custom.id
}

chain := rego.metadata.chain()

plain := rego.metadata.rule()

# METADATA
# scope: document
# title: Allowed
allow if true

allow if {
  rego.metadata.chain()[1].annotations.title == "Allowed"
  count(rego.metadata.chain()) == 3
}
`;

describe('rego.metadata', () => {
  it('gives the rule its own rule-scope annotations', () => {
    expect(compile([{ path: 'p.rego', text: policy }]).query('data.k8s.deploy.deny = x', { input: { image: 'latest' } })[0].x).toEqual(['K8S-001']);
    expect(evaluate({ 'p.rego': policy }, 'data.k8s.deploy.plain')).toEqual({});
  });

  it('chains the rule, its document and its package annotations (OPA’s order, paths without data)', () => {
    expect(evaluate({ 'p.rego': policy }, 'data.k8s.deploy.chain')).toEqual([
      { path: ['k8s', 'deploy', 'chain'] },
      {
        path: ['k8s', 'deploy'],
        annotations: {
          scope: 'package',
          title: 'Deployments',
          description: 'Checks deployments',
          authors: [{ name: 'Jane Doe', email: 'jane@example.com' }],
          organizations: ['Acme'],
          custom: { severity: 'HIGH' },
        },
      },
    ]);
  });

  it('puts document-scope annotations after the rule entry, for every rule of that name', () => {
    // With the annotated rule false, only the other `allow` rule, which reads the chain, can make it true.
    const text = policy.replace('allow if true\n', 'allow if false\n');
    expect(evaluate({ 'p.rego': text }, 'data.k8s.deploy.allow')).toBe(true);
  });

  it('adds subpackages annotations from other modules, closest package first', () => {
    const modules = {
      'root.rego': '# METADATA\n# scope: subpackages\n# title: All of k8s\npackage k8s\n',
      'p.rego': 'package k8s.deploy\n\n# METADATA\n# title: The rule\nr := rego.metadata.chain()\n',
    };
    expect(evaluate(modules, 'data.k8s.deploy.r')).toEqual([
      { path: ['k8s', 'deploy', 'r'], annotations: { scope: 'rule', title: 'The rule' } },
      { path: ['k8s'], annotations: { scope: 'subpackages', title: 'All of k8s' } },
    ]);
  });

  it('rejects scopes that do not fit what follows, unknown scopes and bad YAML', () => {
    expect(() => compile([{ path: 'a.rego', text: '# METADATA\n# scope: rule\npackage a\n' }])).toThrow("annotation scope 'rule' must be applied to rule");
    expect(() => compile([{ path: 'a.rego', text: 'package a\n# METADATA\n# scope: galaxy\np := 1\n' }])).toThrow("invalid annotation scope 'galaxy'");
    expect(() => compile([{ path: 'a.rego', text: 'package a\n# METADATA\n# title: [unclosed\np := 1\n' }])).toThrow('yaml:');
  });

  it('is an error outside a rule', () => {
    expect(() => compile([{ path: 'a.rego', text: 'package a\np := 1\n' }], { strictBuiltinErrors: true }).query('x := rego.metadata.rule()')).toThrow('the rego.metadata.rule function must only be called within the scope of a rule');
  });
});
