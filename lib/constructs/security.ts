import type * as k8s from 'cdk8s-plus-27/lib/imports/k8s';

/** The unprivileged user, group and filesystem group every platform container runs as. */
export const nonRootId = 10001;

/**
 * Pod-level hardening shared by every workload: a fixed non-root identity (so volumes are writable
 * by fsGroup) and the runtime's default seccomp profile, as the "restricted" Pod Security Standard
 * requires.
 */
export function podSecurityContext(): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: nonRootId,
    runAsGroup: nonRootId,
    fsGroup: nonRootId,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * Container-level hardening: read-only root filesystem (writes go to the /tmp emptyDir), no Linux
 * capabilities and no privilege escalation. Repeats the non-root settings because policies and
 * admission controllers check the container, not only the pod.
 */
export function containerSecurityContext(): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: nonRootId,
    runAsGroup: nonRootId,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The writable scratch space of a read-only container. */
export const scratchVolume = { name: 'tmp', mountPath: '/tmp' } as const;
