import { Chart, Testing } from 'cdk8s';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironment, parseEnvironment } from '../../lib/config';
import { ArgoApplications } from '../../lib/constructs/argocd';
import { notificationAnnotations } from '../../lib/constructs/argocd-notifications';

const load = (name: string) => loadEnvironment(join(__dirname, '../../environments', `${name}.yaml`));
const subscription = (trigger: string) => `notifications.argoproj.io/subscribe.${trigger}.slack`;

describe('Argo CD notifications', () => {
  it('subscribes the team channel to sync results and health', () => {
    const annotations = notificationAnnotations(load('staging').argocd);
    expect(annotations).toEqual({
      [subscription('on-sync-succeeded')]: 'video-platform-deploys',
      [subscription('on-sync-failed')]: 'video-platform-deploys',
      [subscription('on-health-degraded')]: 'video-platform-deploys',
    });
  });

  it('sends production failures to on-call too, but not its successes', () => {
    const annotations = notificationAnnotations(load('production').argocd);
    expect(annotations[subscription('on-sync-failed')]).toBe('video-platform-deploys;video-platform-oncall');
    expect(annotations[subscription('on-health-degraded')]).toBe('video-platform-deploys;video-platform-oncall');
    expect(annotations[subscription('on-sync-succeeded')]).toBe('video-platform-deploys');
  });

  it('annotates nothing when an environment configures no notifications', () => {
    const argocd = { ...load('staging').argocd, notifications: undefined };
    expect(notificationAnnotations(argocd)).toEqual({});
  });

  it('puts the subscriptions on each environment’s Application, not on the root', () => {
    const chart = new Chart(Testing.app(), 'argocd', { disableResourceNameHashes: true });
    new ArgoApplications(chart, 'argocd', { environments: ['development', 'production', 'staging'].map(load) });
    const byName = new Map(chart.toJson().map((o: any) => [o.metadata.name, o.metadata.annotations ?? {}]));
    expect(byName.get('video-platform-production')[subscription('on-sync-failed')]).toContain('video-platform-oncall');
    expect(byName.get('video-platform-development')[subscription('on-sync-succeeded')]).toBe('video-platform-deploys');
    expect(Object.keys(byName.get('video-platform-root'))).toEqual([]);
  });

  it("rejects a channel written with Slack's '#', naming the field and the value", () => {
    const text = readFileSync(join(__dirname, '../../environments/staging.yaml'), 'utf8').replace('slackChannel: video-platform-deploys', 'slackChannel: "#deploys"');
    expect(() => parseEnvironment(text, 'environments/staging.yaml', 'staging')).toThrow(/argocd\.notifications\.slackChannel.*#deploys/s);
  });
});
