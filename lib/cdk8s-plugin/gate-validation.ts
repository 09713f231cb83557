import { dirname, relative, sep } from 'node:path';
import { readManifests } from '../manifest';
import { ruleId, runPolicies, type CheckResult } from '../policy';
import { resourceId, validateManifests, type ResourceResult } from '../validate';

/** The parts of cdk8s-cli's ValidationContext this plugin uses (the CLI passes the real one). */
export interface ValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
  readonly logger: { log(message: string): void };
}

/**
 * The gate as a cdk8s validation plugin (see cdk8s.yaml), so that `cdk8s synth` itself reports
 * schema and policy violations and fails on them. It checks the manifests the CLI synthesized into
 * its output folder (one sub-folder per environment, as in dist/).
 */
export class GateValidation {
  async validate(context: ValidationContext): Promise<void> {
    if (context.manifests.length === 0) {
      context.report.submit('success', { checked: '0 files' });
      return;
    }
    const schemas = await validateManifests(readManifests([...context.manifests]));
    for (const resource of schemas.resources.filter((r) => r.status === 'invalid' || r.status === 'error')) {
      context.report.addViolation(schemaViolation(resource));
    }
    const policies = runPolicies({ distDir: outputRoot(context.manifests) });
    for (const check of policies) for (const violation of policyViolations(check)) context.report.addViolation(violation);

    const failed = schemas.exitCode !== 0 || policies.some((check) => check.failures.length > 0);
    const summary = schemas.summary;
    context.report.submit(failed ? 'failure' : 'success', {
      schemas: `${summary.valid} valid, ${summary.invalid} invalid, ${summary.errors} errors`,
      policies: `${policies.reduce((n, c) => n + c.failures.length, 0)} failures`,
    });
  }
}

function schemaViolation(resource: ResourceResult) {
  const errors = resource.findings.filter((finding) => finding.severity === 'error');
  return {
    ruleName: `schema: ${[...new Set(errors.map((finding) => finding.rule))].sort().join(', ')}`,
    recommendation: errors.map((finding) => `${finding.path || '/'}: ${finding.message}`).join('; '),
    fix: 'Change the construct or configuration that produces this field; run `npm run validate` for details.',
    violatingResources: [{ resourceName: resourceId(resource), locations: errors.map((f) => f.path || '/'), manifestPath: resource.file }],
  };
}

function policyViolations(check: CheckResult) {
  return check.failures.map((failure) => ({
    ruleName: `policy: ${ruleId(failure) ?? check.namespace}`,
    recommendation: failure.msg,
    fix: 'See policies/README.md for the rule; run `npm run policy` for details.',
    violatingResources: [{ resourceName: String(failure.metadata?.object ?? failure.msg.split(' ')[0]), locations: [], manifestPath: check.filename }],
  }));
}

/** The folder holding the environment folders: the common parent of `<root>/<env>/<file>` paths. */
function outputRoot(manifests: readonly string[]): string {
  const first = dirname(dirname(manifests[0]));
  return relative(process.cwd(), first).split(sep).join('/') || '.';
}
