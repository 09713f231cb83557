import type { ArgocdConfig } from '../config';

/** Argo CD notifications' triggers (from its catalog) that the platform subscribes to. */
export const notificationTriggers = {
  succeeded: 'on-sync-succeeded',
  failed: 'on-sync-failed',
  degraded: 'on-health-degraded',
} as const;

/**
 * The subscription annotations of one environment's Application: every trigger to the team's Slack
 * channel, and the failures (sync failed, health degraded) to the on-call channel too when one is
 * configured. Argo CD notifications reads `notifications.argoproj.io/subscribe.<trigger>.<service>`
 * with `;`-separated recipients; the `slack` service and the catalog's templates and triggers must be
 * configured in `argocd-notifications-cm`.
 */
export function notificationAnnotations(config: ArgocdConfig): Record<string, string> {
  const notifications = config.notifications;
  if (notifications === undefined) return {};
  const failureChannels = [notifications.slackChannel, notifications.onCallSlackChannel].filter((c): c is string => c !== undefined);
  const subscribe = (trigger: string, channels: string[]) => [`notifications.argoproj.io/subscribe.${trigger}.slack`, channels.join(';')];
  return Object.fromEntries([
    subscribe(notificationTriggers.succeeded, [notifications.slackChannel]),
    subscribe(notificationTriggers.failed, failureChannels),
    subscribe(notificationTriggers.degraded, failureChannels),
  ]);
}
