import { join } from 'node:path';
import { parseManifests } from '../manifest';
import { documentTargets, runPolicies, totals, type CheckResult, type ResultTotals } from '../policy';
import { readTree, renderEnvironments } from '../synth';
import type { ValidationReport } from '../validate';
import { isUpToDate, staleFiles, type StaleFiles } from './stale-files';
import { validateEnvironments } from './validate-environments';

/** Where the gate reads its inputs. */
export interface GateOptions {
  /** @default 'environments' */
  readonly environmentsDir?: string;
  /** The committed output to compare with. @default 'dist' */
  readonly distDir?: string;
  /** Told when each stage starts, for progress on a terminal. */
  readonly onStage?: (stage: GateStage) => void;
}

export type GateStage = 'synth' | 'schemas' | 'policies' | 'compare';

/** Everything the gate found; `passed` decides the exit code. */
export interface GateResult {
  readonly files: number;
  readonly environments: string[];
  readonly schemas: ValidationReport;
  readonly policies: CheckResult[];
  readonly policyTotals: ResultTotals;
  readonly stale: StaleFiles;
  readonly passed: boolean;
}

/**
 * The gate before any GitOps commit: synthesize in memory, validate every object's schema (at its
 * environment's Kubernetes version), run the
 * policies over every environment, and compare with the committed dist/. The fresh files are
 * checked as they will be committed (named under dist/) without being written anywhere, and each is
 * parsed once for both schemas and policies. The committed dist/ is never written.
 */
export async function runGate(options: GateOptions = {}): Promise<GateResult> {
  const stage = options.onStage ?? (() => undefined);
  const environmentsDir = options.environmentsDir ?? 'environments';
  const distDir = options.distDir ?? 'dist';
  stage('synth');
  const { tree, environments, configs } = renderEnvironments(environmentsDir);
  stage('schemas');
  const manifests = parseManifests(new Map([...tree].map(([path, text]) => [join(distDir, path), text])));
  const schemas = await validateEnvironments(distDir, manifests, configs);
  stage('policies');
  const policies = runPolicies({ targets: documentTargets(distDir, manifests, configs) });
  stage('compare');
  const stale = staleFiles(tree, readTree(distDir));
  const policyTotals = totals(policies);
  const passed = schemas.exitCode === 0 && policyTotals.failures === 0 && isUpToDate(stale);
  return { files: tree.size, environments, schemas, policies, policyTotals, stale, passed };
}
