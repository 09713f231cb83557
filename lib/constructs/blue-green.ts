import { Construct } from 'constructs';
import { colors, otherColor, type EnvironmentConfig } from '../config';
import { ClusterService } from './cluster-service';
import { serviceConfigOf } from './service-identity';
import { Workload } from './workload';

/** Props of {@link BlueGreen}. */
export interface BlueGreenProps {
  /** The environment the service runs in; `environment.blueGreen[serviceName]` must exist. */
  readonly environment: EnvironmentConfig;
  /** The blue/green service (a key of both `environment.services` and `environment.blueGreen`). */
  readonly serviceName: string;
}

/**
 * A blue/green service: one {@link Workload} per color that has an image (`<service>-blue`,
 * `<service>-green`), the Service `<service>` on the active color and `<service>-preview` on the
 * other. The idle color runs at the HPA minimum (`idleColorScale: warm`, instant rollback) or at zero
 * replicas without HPA or PDB (`zero`). A color that has never received an image is not deployed.
 */
export class BlueGreen extends Construct {
  /** The Deployments written, in color order. */
  readonly workloads: Workload[] = [];

  constructor(scope: Construct, id: string, props: BlueGreenProps) {
    super(scope, id);
    const { environment, serviceName } = props;
    const service = serviceConfigOf(environment, serviceName);
    const blueGreen = Object.hasOwn(environment.blueGreen, serviceName) ? environment.blueGreen[serviceName] : undefined;
    if (blueGreen === undefined) {
      throw new Error(`BlueGreen: serviceName "${serviceName}" has no entry under blueGreen in environment "${environment.name}"`);
    }
    const active = blueGreen.activeColor;

    for (const color of colors) {
      const image = blueGreen[color].image;
      if (image === undefined) continue;
      const scaledToZero = color !== active && blueGreen.idleColorScale === 'zero';
      this.workloads.push(new Workload(this, color, { environment, serviceName, image, color, scaledToZero }));
    }
    this.node.addValidation({
      validate: () =>
        blueGreen[active].image === undefined
          ? [`blueGreen.${serviceName}.${active}.image: the active color "${active}" has no image; release one to ${active} or set activeColor to ${otherColor(active)}`]
          : [],
    });

    if (service.port === undefined) return;
    new ClusterService(this, 'active', { environment, serviceName, color: active });
    new ClusterService(this, 'preview', { environment, serviceName, name: previewServiceName(serviceName), color: otherColor(active) });
  }
}

/** Name of the Service that routes to a blue/green service's idle color. */
export function previewServiceName(serviceName: string): string {
  return `${serviceName}-preview`;
}
