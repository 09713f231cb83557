import { resourceId, type ValidationReport } from '../result';
import { RULES, type RuleId } from '../rules';
import type { OutputOptions } from './options';

const RULE_IDS = Object.keys(RULES).sort() as RuleId[];

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule in the driver, one result per finding located at
 * its file and line, with the resource and JSON path as the logical location.
 */
export function formatSarif(report: ValidationReport, _options: OutputOptions): string {
  const results = report.resources.flatMap((resource) =>
    resource.findings.map((finding) => ({
      ruleId: finding.rule,
      ruleIndex: RULE_IDS.indexOf(finding.rule),
      level: finding.severity,
      message: { text: `${resourceId(resource)}: ${finding.path === '' ? '' : `${finding.path}: `}${finding.message}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(resource.file) },
            region: { startLine: finding.line },
          },
          logicalLocations: [{ fullyQualifiedName: `${resourceId(resource)}${finding.path}`, kind: 'object' }],
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'validate',
            rules: RULE_IDS.map((id) => ({
              id,
              shortDescription: { text: RULES[id].description },
              defaultConfiguration: { level: RULES[id].effect === 'warning' ? 'warning' : 'error' },
            })),
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** SARIF wants URIs: forward slashes, relative paths kept relative to the repository root. */
function toUri(file: string): string {
  return file.split('\\').join('/').split('/').map(encodeURIComponent).join('/');
}
