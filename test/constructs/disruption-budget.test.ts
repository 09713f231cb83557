import { DisruptionBudget } from '../../lib/constructs/disruption-budget';
import { find, synthesize } from './fixtures';

describe('DisruptionBudget', () => {
  it('allows one eviction at a time among exactly the selected pods', () => {
    const podSelector = { 'app.kubernetes.io/name': 'api', color: 'blue' };
    const manifests = synthesize((chart) => new DisruptionBudget(chart, 'pdb', { name: 'api-blue', labels: { a: 'b' }, podSelector }));
    const pdb = find(manifests, 'PodDisruptionBudget', 'api-blue');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: podSelector }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
  });
});
