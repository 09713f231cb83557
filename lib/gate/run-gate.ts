import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readManifests } from '../manifest';
import { runPolicies, totals, type CheckResult, type ResultTotals } from '../policy';
import { readTree, renderEnvironments, replaceDirectory } from '../synth';
import { validateManifests, ValidationReport } from '../validate';
import { isUpToDate, staleFiles, type StaleFiles } from './stale-files';

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
 * The gate before any GitOps commit: synthesize into a scratch folder, validate every object's
 * schema, run the policies over every environment, and compare with the committed dist/. The
 * committed dist/ is never written.
 */
export async function runGate(options: GateOptions = {}): Promise<GateResult> {
  const stage = options.onStage ?? (() => undefined);
  stage('synth');
  const { tree, environments } = renderEnvironments(options.environmentsDir ?? 'environments');
  const scratch = mkdtempSync(join(tmpdir(), 'gate-'));
  try {
    const freshDist = join(scratch, 'dist');
    replaceDirectory(freshDist, tree);
    stage('schemas');
    // Findings name the files as they will be committed, not the scratch copy.
    const relabel = (file: string) => (file.startsWith(freshDist) ? `${options.distDir ?? 'dist'}${file.slice(freshDist.length)}` : file);
    const scratchSchemas = await validateManifests(readManifests([freshDist]));
    const schemas = new ValidationReport(
      scratchSchemas.resources.map((result) => ({ ...result, file: relabel(result.file) })),
      scratchSchemas.files.map(relabel),
    );
    stage('policies');
    const policies = runPolicies({ distDir: freshDist, environmentsDir: options.environmentsDir ?? 'environments' }).map((check) => ({
      ...check,
      filename: relabel(check.filename),
    }));
    stage('compare');
    const stale = staleFiles(tree, readTree(options.distDir ?? 'dist'));
    const policyTotals = totals(policies);
    const passed = schemas.exitCode === 0 && policyTotals.failures === 0 && isUpToDate(stale);
    return { files: tree.size, environments, schemas, policies, policyTotals, stale, passed };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
