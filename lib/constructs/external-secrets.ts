import { Construct } from 'constructs';
import type { EnvironmentConfig, SecretStoreConfig } from '../config';
import { ExternalSecret, type ExternalSecretSpec } from './crds/external-secret';
import { recommendedLabels } from './labels';
import type { SecretReference } from './secret-references';

/** Props of {@link ExternalSecrets}. */
export interface ExternalSecretsProps {
  /** The environment, for labels. */
  readonly environment: EnvironmentConfig;
  /** The store the values come from. */
  readonly secretStore: SecretStoreConfig;
  /** The Secrets to produce, with the keys their readers use (see `secretReferences`). */
  readonly references: readonly SecretReference[];
}

/**
 * One ExternalSecret per Secret the environment's objects read, named like the Secret it writes.
 * Keys read one by one become `data` entries (`remoteRef.property` = the key); a Secret read whole
 * (envFrom, a volume) is extracted whole. The operator owns the Secret it creates, and keeps it if
 * the vault entry disappears (`deletionPolicy: Retain`), so a vault mistake does not take pods down.
 *
 * A Secret read by an Argo CD hook (the PreSync migration) must exist before that hook runs, i.e.
 * before the sync phase: its ExternalSecret becomes a hook of the same phase. Such a Secret must be
 * the hook's alone, since a hook is recreated on every sync.
 */
export class ExternalSecrets extends Construct {
  constructor(scope: Construct, id: string, props: ExternalSecretsProps) {
    super(scope, id);
    const { environment, secretStore } = props;
    const labels = recommendedLabels({ name: 'external-secrets', component: 'secret', partOf: environment.partOf, environment: environment.name });
    for (const reference of props.references) {
      new ExternalSecret(this, reference.name, {
        metadata: { name: reference.name, labels, annotations: hookAnnotations(reference) },
        spec: externalSecretSpec(reference, secretStore),
      });
    }
  }
}

function externalSecretSpec(reference: SecretReference, store: SecretStoreConfig): ExternalSecretSpec {
  const key = store.remoteKeys[reference.name] ?? `${store.remoteKeyPrefix}${reference.name}`;
  const source: Pick<ExternalSecretSpec, 'data' | 'dataFrom'> = reference.wholeSecret
    ? { dataFrom: [{ extract: { key } }] }
    : { data: reference.keys.map((secretKey) => ({ secretKey, remoteRef: { key, property: secretKey } })) };
  return {
    refreshInterval: store.refreshInterval,
    secretStoreRef: { kind: store.kind, name: store.name },
    target: { name: reference.name, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
    ...source,
  };
}

function hookAnnotations(reference: SecretReference): Record<string, string> {
  if (reference.hookPhases.length === 0) return {};
  if (reference.readByNonHook || reference.hookPhases.length > 1) {
    throw new Error(
      `Secret "${reference.name}" is read by ${reference.readers.join(', ')}: a Secret read by an Argo CD hook (${reference.hookPhases.join(', ')}) must be that hook's alone, since the hook's ExternalSecret is recreated on every sync; give it its own Secret in environments/*.yaml`,
    );
  }
  return { 'argocd.argoproj.io/hook': reference.hookPhases[0], 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' };
}
