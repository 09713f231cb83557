import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { resourceId, type Finding, type ResourceResult } from '../result';
import { RULES, type RuleId } from '../rules';
import type { OutputFactory, OutputWriter } from './options';
import { describe } from './text';

const RULE_IDS = Object.keys(RULES).sort() as RuleId[];

/** The base every artifact URI is relative to, defined as the repository root in `originalUriBaseIds`. */
const SOURCE_ROOT = '%SRCROOT%';

/**
 * SARIF 2.1.0 for code scanning, written result by result: every rule in the driver with the tool's
 * version; one result per finding at its file and line, its URI relative to the repository root
 * (`%SRCROOT%`, defined as a `file://` URI), the resource and JSON path as its logical location, and a
 * fingerprint that survives moved lines and reworded messages (rule, file, resource, path).
 */
export const sarifOutput: OutputFactory = (write, options): OutputWriter => {
  const root = path.resolve(options.sourceRoot ?? process.cwd());
  const driver = {
    name: 'validate',
    version: options.toolVersion ?? '0.0.0',
    informationUri: 'https://github.com/yannh/kubeconform',
    rules: RULE_IDS.map((id) => ({
      id,
      shortDescription: { text: RULES[id].description },
      defaultConfiguration: { level: RULES[id].effect === 'warning' ? 'warning' : 'error' },
    })),
  };
  const head = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver }, originalUriBaseIds: { [SOURCE_ROOT]: { uri: `${pathToFileURL(root).href}/` } }, results: [] }],
  };
  // Everything up to the results array, which is then filled in as files come.
  const text = JSON.stringify(head, null, 2);
  const opening = text.slice(0, text.lastIndexOf('"results": []') + '"results": ['.length);
  let count = 0;
  return {
    file(_file, results) {
      const seen = new Map<string, number>();
      for (const resource of results) {
        for (const finding of resource.findings) {
          const entry = JSON.stringify(toResult(resource, finding, root, seen), null, 2).replace(/\n/g, '\n        ');
          write(`${count === 0 ? `${opening}\n        ` : ',\n        '}${entry}`);
          count++;
        }
      }
    },
    end() {
      write(count === 0 ? `${opening}]\n    }\n  ]\n}\n` : '\n      ]\n    }\n  ]\n}\n');
    },
  };
};

function toResult(resource: ResourceResult, finding: Finding, root: string, seen: Map<string, number>): Record<string, unknown> {
  const uri = artifactUri(resource.file, root);
  const identity = `${resource.apiVersion ?? ''}/${resourceId(resource)}`;
  // Two findings of one rule at one path of one resource are told apart by their order.
  const key = `${finding.rule}\u0000${uri.text}\u0000${identity}\u0000${finding.path}`;
  const occurrence = seen.get(key) ?? 0;
  seen.set(key, occurrence + 1);
  return {
    ruleId: finding.rule,
    ruleIndex: RULE_IDS.indexOf(finding.rule),
    level: finding.severity,
    message: { text: `${resource.kind === undefined && resource.name === undefined ? resource.file : resourceId(resource)}: ${describe(finding)}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: uri.relative ? { uri: uri.text, uriBaseId: SOURCE_ROOT } : { uri: uri.text },
          // A path that cannot be read has no line; SARIF regions start at 1.
          ...(finding.line > 0 ? { region: { startLine: finding.line } } : {}),
        },
        logicalLocations: [{ fullyQualifiedName: `${resourceId(resource)}${finding.path}`, kind: 'object' }],
      },
    ],
    partialFingerprints: { 'validateFinding/v1': createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex') },
  };
}

/** A file's URI: relative to the root (forward slashes, percent-encoded) when inside it, else an absolute `file://` URI. */
function artifactUri(file: string, root: string): { text: string; relative: boolean } {
  if (file === 'stdin') return { text: 'stdin', relative: true };
  const absolute = path.resolve(file);
  const relative = path.relative(root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { text: pathToFileURL(absolute).href, relative: false };
  return { text: relative.split(path.sep).map(encodeURIComponent).join('/'), relative: true };
}
