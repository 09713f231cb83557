import { generateDeployments, regoBenchRules, ruleOfMessage } from '../../bench/rego/generate-deployments';
import { runRegoBenchmark } from '../../bench/rego/evaluate';

describe('generateDeployments', () => {
  it('plants each rule once in every eleven objects, leaving the eleventh clean', () => {
    const { objects, planted } = generateDeployments(110);
    expect(objects).toHaveLength(110);
    expect(planted.filter((rule) => rule === null)).toHaveLength(10);
    for (const rule of regoBenchRules) expect(planted.filter((planted) => planted === rule)).toHaveLength(10);
  });

  it('is deterministic', () => {
    expect(generateDeployments(30)).toEqual(generateDeployments(30));
  });
});

describe('the Rego micro-benchmark', () => {
  it('finds exactly the planted violations: one finding per broken object, none on clean ones', () => {
    const run = runRegoBenchmark(110);
    expect(run).toMatchObject({ objects: 110, findings: 100 });
    expect(run.objectsPerSecond).toBeGreaterThan(0);
  });

  it('reads the rule id from a finding', () => {
    expect(ruleOfMessage('[read-only-root] container api: the root filesystem is writable')).toBe('read-only-root');
    expect(ruleOfMessage('no id here')).toBeNull();
  });
});
