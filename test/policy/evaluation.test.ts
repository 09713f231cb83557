import { checkInput, mergeResults, PolicyResultError, type RuleEvaluator } from '../../lib/policy/evaluation';

/** A fake evaluator: each reference maps to a fixed value. */
function fakeEvaluator(values: Record<string, unknown>): RuleEvaluator & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    values: (refs) => {
      asked.push(...refs);
      return { values: refs.map((ref) => values[ref]), printed: [] };
    },
  };
}

describe('checking one input like conftest', () => {
  it('reports failures with their query and counts passing rules as successes', () => {
    const evaluator = fakeEvaluator({
      'data.main.deny': ['root is not allowed'],
      'data.main.warn': [],
    });
    const result = checkInput(evaluator, 'main', { names: ['deny', 'warn'], definitions: 2 }, {}, 'pod.yaml');
    expect(result.failures).toEqual([{ msg: 'root is not allowed', metadata: { query: 'data.main.deny' } }]);
    expect(result.warnings).toEqual([]);
    expect(result.successes).toBe(1);
  });

  it('turns structured messages into msg, loc and metadata', () => {
    const evaluator = fakeEvaluator({
      'data.main.deny_x': [{ msg: 'bad', rule: 'K8S-X-001', _loc: { file: 'a.yaml', line: 3 } }],
    });
    const result = checkInput(evaluator, 'main', { names: ['deny_x'], definitions: 1 }, {}, 'a.yaml');
    expect(result.failures).toEqual([{ msg: 'bad', loc: { file: 'a.yaml', line: 3 }, metadata: { rule: 'K8S-X-001', query: 'data.main.deny_x' } }]);
  });

  it('rejects a structured message without a string msg, as conftest does', () => {
    const evaluator = fakeEvaluator({ 'data.main.deny': [{ message: 'no msg field' }] });
    expect(() => checkInput(evaluator, 'main', { names: ['deny'], definitions: 1 }, {}, 'a.yaml')).toThrow(PolicyResultError);
  });

  it('classifies warn rules as warnings', () => {
    const evaluator = fakeEvaluator({ 'data.main.warn_probes': ['no probe'] });
    const result = checkInput(evaluator, 'main', { names: ['warn_probes'], definitions: 1 }, {}, 'a.yaml');
    expect(result.warnings.map((w) => w.msg)).toEqual(['no probe']);
    expect(result.failures).toEqual([]);
  });

  it('replaces an exempted rule by its exceptions', () => {
    const evaluator = fakeEvaluator({
      'data.main.exception': [['image_tag']],
      'data.main.deny_image_tag': ['latest tag'],
      'data.main.deny_labels': ['no labels'],
    });
    const result = checkInput(evaluator, 'main', { names: ['deny_image_tag', 'deny_labels'], definitions: 2 }, {}, 'a.yaml');
    expect(result.exceptions).toEqual([{ msg: 'data.main.exception[_][_] == "image_tag"' }]);
    expect(result.failures.map((f) => f.msg)).toEqual(['no labels']);
    expect(result.successes).toBe(0);
  });

  it('counts rules defined several times as that many tests', () => {
    const evaluator = fakeEvaluator({ 'data.main.deny': [] });
    const result = checkInput(evaluator, 'main', { names: ['deny'], definitions: 3 }, {}, 'a.yaml');
    expect(result.successes).toBe(3);
  });

  it('asks nothing of a namespace without rules', () => {
    const evaluator = fakeEvaluator({});
    const result = checkInput(evaluator, 'lib', { names: [], definitions: 0 }, {}, 'a.yaml');
    expect(evaluator.asked).toEqual([]);
    expect(result.successes).toBe(0);
  });

  it('adds up the documents of one file', () => {
    const evaluator = fakeEvaluator({ 'data.main.deny': ['x'] });
    const rules = { names: ['deny'], definitions: 2 };
    const merged = mergeResults('multi.yaml', 'main', [checkInput(evaluator, 'main', rules, {}, 'multi.yaml'), checkInput(evaluator, 'main', rules, {}, 'multi.yaml')]);
    expect(merged.failures).toHaveLength(2);
    expect(merged.successes).toBe(2);
  });
});
