/**
 * The kinds whose objects hold a pod spec (a pod template, or the pod itself), by API group: what
 * can run code in a namespace, and the only place Secret references of pods live.
 */
export const podSpecKinds: readonly { readonly group: string; readonly kind: string }[] = [
  ...['Pod', 'PodTemplate', 'ReplicationController'].map((kind) => ({ group: '', kind })),
  ...['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ group: 'apps', kind })),
  ...['CronJob', 'Job'].map((kind) => ({ group: 'batch', kind })),
  { group: 'argoproj.io', kind: 'Rollout' },
];
