import { Autoscaler } from '../../lib/constructs/autoscaling';
import { find, minimalService, synthesize } from './fixtures';

describe('Autoscaler', () => {
  it('scales the named Deployment between the configured bounds on CPU and memory utilisation', () => {
    const service = minimalService({
      replicas: { min: 2, max: 7 },
      autoscaling: { cpuPercent: 60, memoryPercent: 75, scaleDownStabilizationSeconds: 120 },
    });
    const manifests = synthesize((chart) => new Autoscaler(chart, 'hpa', { target: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api-blue' }, labels: { a: 'b' }, service }));
    const hpa = find(manifests, 'HorizontalPodAutoscaler', 'api-blue');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.metadata.labels).toEqual({ a: 'b' });
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api-blue' },
      minReplicas: 2,
      maxReplicas: 7,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 75 } } },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 120 } },
    });
  });
});
