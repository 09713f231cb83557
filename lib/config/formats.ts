import { z } from 'zod';
import { resolveKubernetesVersion } from '../validate/kubernetes-version';

/**
 * Value formats shared by the environment schema. Each refinement's message says what a valid value
 * looks like, because the loader prints it next to the offending value.
 */

/** DNS-1123 label: namespaces, service names, colors. */
export const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a DNS-1123 label: lower-case letters, digits and "-", at most 63 characters, starting and ending alphanumeric');

/** A fully qualified host name, as an Ingress rule accepts it (no wildcard, no port). */
export const hostname = z
  .string()
  .max(253)
  .regex(
    /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a lower-case DNS host name such as api.example.com',
  );

/** A CPU quantity: whole or decimal cores ("1", "0.5") or millicores ("500m"). */
export const cpuQuantity = z
  .string()
  .regex(/^([0-9]+(\.[0-9]+)?|[0-9]+m)$/, 'must be a CPU quantity such as 500m or 1');

/** A memory quantity with a binary or decimal suffix ("512Mi", "1Gi", "1G"); suffixes are case-sensitive. */
export const memoryQuantity = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/, 'must be a memory quantity such as 512Mi or 1Gi (suffixes Ki, Mi, Gi, Ti, k, M, G, T; case-sensitive)');

/** A TCP/UDP port number. */
export const port = z.number().int('must be a whole number').min(1, 'must be a port between 1 and 65535').max(65535, 'must be a port between 1 and 65535');

/** An HTTP path, as used by probes and Ingress rules. */
export const httpPath = z.string().regex(/^\/[A-Za-z0-9._~\-/]*$/, 'must be an absolute HTTP path such as /health');

/** An IPv4 CIDR block such as 10.0.0.0/16. */
export const cidr = z
  .string()
  .regex(/^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\/([0-9]|[12][0-9]|3[0-2])$/, 'must be an IPv4 CIDR block such as 10.0.0.0/16');

/**
 * A container image reference: `registry/repository:tag`, optionally pinned with `@sha256:<64 hex>`.
 * A tag is required because an untagged image means `:latest`, which is never reproducible.
 */
export const imageReference = z
  .string()
  .regex(
    /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[a-f0-9]{64})?$/,
    'must be an image reference with a registry and a tag, such as registry.example.com/team/api:1.4.2 (optionally @sha256:<digest>)',
  )
  .refine((ref) => !/:latest(@|$)/.test(ref), 'must not use the mutable tag "latest"');

/** A five-field cron schedule (minute hour day-of-month month day-of-week). */
export const cronSchedule = z
  .string()
  .regex(/^(\S+\s+){4}\S+$/, 'must be a five-field cron schedule such as "0 2 * * *"');

/** An environment variable name. */
export const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name such as LOG_LEVEL');

/**
 * A Kubernetes release with a schema set, written as a string: in YAML an unquoted 1.30 is the
 * number 1.3.
 */
export const kubernetesVersion = z
  .string({ error: 'must be a quoted Kubernetes version such as "1.35" (unquoted, 1.30 would be read as the number 1.3)' })
  .check((context) => {
    try {
      resolveKubernetesVersion(context.value);
    } catch (error) {
      context.issues.push({ code: 'custom', message: (error as Error).message, input: context.value });
    }
  });
