import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config';
import { AlertRules } from './alert-rules';
import { BackupJobs } from './backup';
import { ExternalSecrets } from './external-secrets';
import { AdmissionPolicies } from './gatekeeper';
import type { RegoSourceFile } from './gatekeeper-rego';
import { DatabaseMigration } from './migrations';
import { PlatformNamespace } from './namespace';
import { NetworkPolicies } from './network-policies';
import { PlatformService } from './platform-service';
import { PublicIngress } from './public-ingress';
import { secretReferences } from './secret-references';

/** Props of {@link EnvironmentChart}. */
export interface EnvironmentChartProps {
  /** The validated configuration of the environment this chart renders. */
  readonly environment: EnvironmentConfig;
  /**
   * The Rego modules of `policies/`, to enforce the per-object ones in the cluster with Gatekeeper
   * ({@link AdmissionPolicies}).
   * @default none: no Gatekeeper objects
   */
  readonly policySources?: readonly RegoSourceFile[];
}

/**
 * Everything one environment runs, in its own namespace: the namespace and its guard rails, one
 * {@link PlatformService} per configured service, the public Ingress, alerts, backups, when
 * configured the database migration that runs before each sync and the ExternalSecrets that write
 * every Secret they read from a vault, and the Gatekeeper policies that guard the namespace.
 */
export class EnvironmentChart extends Chart {
  constructor(scope: Construct, props: EnvironmentChartProps) {
    const { environment } = props;
    super(scope, environment.name, { namespace: environment.namespace, disableResourceNameHashes: true });
    new PlatformNamespace(this, 'namespace', { environment });
    new NetworkPolicies(this, 'network-policies', { environment });
    for (const serviceName of Object.keys(environment.services).sort()) {
      new PlatformService(this, serviceName, { environment, serviceName });
    }
    new PublicIngress(this, 'ingress', { environment });
    new AlertRules(this, 'alert-rules', { environment });
    new BackupJobs(this, 'backup', { environment });
    const { migrations } = environment;
    if (migrations !== undefined) new DatabaseMigration(this, 'migrations', { environment: { ...environment, migrations } });
    // After every object that reads a Secret, so that it sees all their references.
    const { secretStore } = environment;
    if (secretStore !== undefined) new ExternalSecrets(this, 'external-secrets', { environment, secretStore, references: secretReferences(this) });
    // Last: the constraints review the kinds of everything above.
    if (props.policySources) new AdmissionPolicies(this, 'admission', { environment, policySources: props.policySources });
  }
}
