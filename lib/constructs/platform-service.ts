import { Construct } from 'constructs';
import { strategyOf, type EnvironmentConfig } from '../config';
import { BlueGreen } from './blue-green';
import { CanaryRollout } from './canary';
import { ClusterService } from './cluster-service';
import { ServiceDashboard } from './dashboard';
import { ServiceAccount } from './service-account';
import { serviceConfigOf } from './service-identity';
import { MetricsMonitor } from './service-monitor';
import { Workload } from './workload';

/** Props of {@link PlatformService}. */
export interface PlatformServiceProps {
  /** The environment the service runs in. */
  readonly environment: EnvironmentConfig;
  /** The service to build: a key of `environment.services`. */
  readonly serviceName: string;
}

/**
 * Everything one service runs on: its ServiceAccount (and Role when it uses the Kubernetes API),
 * its Deployment(s) with autoscaler and disruption budget, a ClusterIP Service when it has a port,
 * the monitor through which Prometheus scrapes it, and its Grafana dashboard. By its release
 * strategy: `rolling` gets one Deployment, `blueGreen` a Deployment per color and an active and a
 * preview Service (see {@link BlueGreen}), `canary` an Argo Rollouts Rollout with a stable and a
 * canary Service and its analysis (see {@link CanaryRollout}).
 */
export class PlatformService extends Construct {
  constructor(scope: Construct, id: string, props: PlatformServiceProps) {
    super(scope, id);
    const { environment, serviceName } = props;
    const service = serviceConfigOf(environment, serviceName);
    const strategy = strategyOf(environment, serviceName);
    const isBlueGreen = strategy === 'blueGreen';

    new ServiceAccount(this, 'service-account', { environment, serviceName });
    if (isBlueGreen) {
      new BlueGreen(this, 'blue-green', { environment, serviceName });
    } else if (strategy === 'canary') {
      new CanaryRollout(this, 'canary', { environment, serviceName });
    } else if (service.image !== undefined) {
      new Workload(this, 'workload', { environment, serviceName, image: service.image });
      if (service.port !== undefined) new ClusterService(this, 'service', { environment, serviceName });
    }
    new MetricsMonitor(this, 'monitor', { environment, serviceName });
    new ServiceDashboard(this, 'dashboard', { environment, serviceName });

    this.node.addValidation({
      validate: () => {
        if (isBlueGreen && service.image !== undefined) {
          return [`services.${serviceName}.image: "${service.image}" must be absent; a blue/green service takes its images from blueGreen.${serviceName}`];
        }
        if (!isBlueGreen && service.image === undefined) {
          return [`services.${serviceName}.image: is required (or an entry under blueGreen.${serviceName})`];
        }
        return [];
      },
    });
  }
}
