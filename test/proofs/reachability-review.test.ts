import { reachabilityChanges, renderReachabilityMarkdown } from '../../lib/review/reachability';
import { configOf, editObject, renderedDist, reviewOf } from './review-sides';

const apiEgress = 'production/networkpolicy.networking.k8s.io_allow-api-egress.yaml';

describe('network reachability in the review diff', () => {
  const base = renderedDist();

  it('shows exactly the one connection a policy change opens', () => {
    const after = editObject(base, apiEgress, (policy) => policy.spec.egress.push({ to: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ port: 443, protocol: 'TCP' }] }));
    const { diff, sides } = reviewOf(base, after);
    const changes = reachabilityChanges(diff, sides, configOf);
    expect(changes.map((change) => ({ environment: change.environment, opened: change.opened.length, closed: change.closed.length }))).toEqual([{ environment: 'production', opened: 1, closed: 0 }]);
    expect(renderReachabilityMarkdown(changes)).toBe('\n#### `production`: network reachability\n\n- <code>api → object-storage:443</code> now allowed\n');
  });

  it('shows the connections a removed policy closes', () => {
    const after = editObject(base, apiEgress, (policy) => (policy.spec.egress = policy.spec.egress.filter((rule: any) => rule.ports[0].port !== 6379)));
    const markdown = renderReachabilityMarkdown(reachabilityChanges(...reviewArgs(base, after)));
    expect(markdown).toContain('- <code>api → redis:6379</code> now denied');
    expect(markdown.match(/^- /gm)).toHaveLength(1);
  });

  it('says so when policies change without changing reachability, and stays silent when none changed', () => {
    const relabelled = editObject(base, apiEgress, (policy) => (policy.metadata.labels.team = 'video'));
    expect(renderReachabilityMarkdown(reachabilityChanges(...reviewArgs(base, relabelled)))).toContain('no connection is opened or closed');
    const unrelated = editObject(base, 'production/service_web.yaml', (service) => (service.metadata.labels.team = 'video'));
    expect(renderReachabilityMarkdown(reachabilityChanges(...reviewArgs(base, unrelated)))).toBe('');
  });
});

function reviewArgs(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): Parameters<typeof reachabilityChanges> {
  const { diff, sides } = reviewOf(before, after);
  return [diff, sides, configOf];
}
