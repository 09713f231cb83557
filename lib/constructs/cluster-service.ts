import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import type { Color, EnvironmentConfig } from '../config';
import { recommendedLabels, selectorLabels } from './labels';
import { namedPorts } from './ports';
import { serviceConfigOf, serviceIdentity } from './service-identity';

/** Props of {@link ClusterService}. */
export interface ClusterServiceProps {
  /** The environment the Service lives in. */
  readonly environment: EnvironmentConfig;
  /** The service (a key of `environment.services`) whose pods it routes to; it must have a port. */
  readonly serviceName: string;
  /**
   * Name of the Service object.
   * @default serviceName
   */
  readonly name?: string;
  /**
   * Route only to this color's pods (blue/green).
   * @default - every pod of the service
   */
  readonly color?: Color;
}

/**
 * A ClusterIP Service with the service's named ports (`http`, and `metrics` when separate), whose
 * target ports are the container ports' names so that a port change needs no Service change.
 * Its labels carry no color: blue/green Services keep their identity when their selector flips.
 */
export class ClusterService extends Construct {
  /** Name of the Service object. */
  readonly serviceObjectName: string;

  constructor(scope: Construct, id: string, props: ClusterServiceProps) {
    super(scope, id);
    const { environment, serviceName, color } = props;
    const service = serviceConfigOf(environment, serviceName);
    if (service.port === undefined) {
      throw new Error(`ClusterService: service "${serviceName}" has no port; a Service needs services.${serviceName}.port`);
    }
    this.serviceObjectName = props.name ?? serviceName;
    new k8s.KubeService(this, 'service', {
      metadata: { name: this.serviceObjectName, labels: recommendedLabels(serviceIdentity(environment, serviceName)) },
      spec: {
        type: 'ClusterIP',
        selector: selectorLabels({ name: serviceName, environment: environment.name, color }),
        ports: namedPorts(service).map(({ name, port }) => ({
          name,
          port,
          targetPort: k8s.IntOrString.fromString(name),
          protocol: 'TCP',
        })),
      },
    });
  }
}
