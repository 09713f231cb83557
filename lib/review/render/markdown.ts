import { countDifferences, type ChangedResource, type EnvironmentDiff, type ReviewDiff } from '../diff';
import type { FieldChange } from '../field-diff';
import { formatPath } from '../field-path';
import { describeIdentity } from '../identity';
import type { RenamedResource } from '../rename';
import type { Resource } from '../snapshot';
import { inlineValue, summaryLine } from './values';

/**
 * The pull-request comment: a heading, one summary table (a row per environment with its added,
 * removed, changed and renamed counts), then per environment the added and removed resources as
 * lists and each changed or renamed resource in its own `<details>` block with a field table.
 * Values go into `<code>` with HTML escapes, so `|`, `<` and backticks cannot break the table.
 */
export function renderMarkdown(diff: ReviewDiff): string {
  const lines = [
    '### Review of `dist/`',
    '',
    `Comparing the **${escapeHtml(diff.head)}** with **${escapeHtml(diff.base)}**: ${summaryLine(diff)}.`,
    '',
    '| Environment | Added | Removed | Changed | Renamed |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const environment of diff.environments) {
    const counts = countDifferences(environment);
    lines.push(`| ${environmentTitle(environment)} | ${counts.added} | ${counts.removed} | ${counts.changed} | ${counts.renamed} |`);
  }
  for (const environment of diff.environments) {
    if (environment.status === 'unchanged') continue;
    lines.push('', `#### ${environmentTitle(environment)}`, '');
    lines.push(...resourceList('Added', environment.added));
    lines.push(...resourceList('Removed', environment.removed));
    for (const resource of environment.changed) lines.push(...changedBlock(resource));
    for (const rename of environment.renamed) lines.push(...renamedBlock(rename));
    if (environment.moved.length > 0) {
      lines.push(`_${environment.moved.length} resource(s) moved to another file without change._`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function environmentTitle(environment: EnvironmentDiff): string {
  const note = environment.status === 'added' ? ' (new)' : environment.status === 'removed' ? ' (removed)' : '';
  return `\`${environment.environment}\`${note}`;
}

function resourceList(title: string, resources: readonly Resource[]): string[] {
  if (resources.length === 0) return [];
  const items = resources.map((resource) => `- ${code(describeIdentity(resource.identity))} in ${code(resource.file)}`);
  return ['<details>', `<summary>${title}: ${resources.length} resource(s)</summary>`, '', ...items, '', '</details>', ''];
}

function changedBlock(resource: ChangedResource): string[] {
  const summary = `Changed ${code(describeIdentity(resource.identity))}: ${fieldCount(resource.changes.length)}`;
  return ['<details>', `<summary>${summary}</summary>`, '', `File: ${code(resource.fileAfter)}`, '', ...fieldTable(resource.changes), '</details>', ''];
}

function renamedBlock(rename: RenamedResource): string[] {
  const names = `${code(describeIdentity(rename.from.identity))} → ${code(rename.to.identity.name)}`;
  const rest = rename.changes.length === 0 ? 'no other change' : fieldCount(rename.changes.length);
  const body = rename.changes.length === 0 ? [] : fieldTable(rename.changes);
  return ['<details>', `<summary>Renamed ${names}: ${rest}</summary>`, '', `File: ${code(rename.from.file)} → ${code(rename.to.file)}`, '', ...body, '</details>', ''];
}

function fieldTable(changes: readonly FieldChange[]): string[] {
  const rows = changes.map((change) => {
    const field = `${code(formatPath(change.path))}${change.kind === 'reordered' ? ' (order)' : ''}`;
    const before = change.kind === 'added' ? '_absent_' : code(inlineValue(change.before));
    const after = change.kind === 'removed' ? '_absent_' : code(inlineValue(change.after));
    return `| ${field} | ${before} | ${after} |`;
  });
  return ['| Field | Before | After |', '| --- | --- | --- |', ...rows, ''];
}

function fieldCount(count: number): string {
  return count === 1 ? '1 field' : `${count} fields`;
}

function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;');
}
