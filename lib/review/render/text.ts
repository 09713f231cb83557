import { countDifferences, type EnvironmentDiff, type ReviewDiff } from '../diff';
import type { FieldChange } from '../field-diff';
import { formatPath } from '../field-path';
import { describeIdentity } from '../identity';
import type { RenamedResource } from '../rename';
import { blockValue, describeCounts, summaryLine } from './values';

/** Options of the terminal report. */
export interface TextOptions {
  /** ANSI colors; the CLI sets it for a TTY unless NO_COLOR is set. */
  readonly color: boolean;
}

type Paint = (text: string) => string;

interface Palette {
  added: Paint;
  removed: Paint;
  changed: Paint;
  heading: Paint;
  quiet: Paint;
}

const ANSI = (code: string): Paint => (text) => `\u001b[${code}m${text}\u001b[0m`;
const PLAIN: Paint = (text) => text;

/**
 * The terminal report, in the manner of dyff: one block per environment, one line per resource
 * (`+` added, `-` removed, `~` changed, `→` renamed, `=` moved without change), and under each changed
 * resource its field paths with `-` old and `+` new values. Ends with a summary line.
 */
export function renderText(diff: ReviewDiff, options: TextOptions): string {
  const paint: Palette = options.color
    ? { added: ANSI('32'), removed: ANSI('31'), changed: ANSI('33'), heading: ANSI('1'), quiet: ANSI('2') }
    : { added: PLAIN, removed: PLAIN, changed: PLAIN, heading: PLAIN, quiet: PLAIN };
  const lines = [`review of dist/: ${diff.base} → ${diff.head}`, ''];
  for (const environment of diff.environments) lines.push(...environmentBlock(environment, paint), '');
  lines.push(summaryLine(diff));
  return `${lines.join('\n')}\n`;
}

function environmentBlock(environment: EnvironmentDiff, paint: Palette): string[] {
  const state = environment.status === 'added' ? ' (new environment)' : environment.status === 'removed' ? ' (environment removed)' : '';
  const lines = [`${paint.heading(environment.environment)}${state}: ${describeCounts(countDifferences(environment))}`];
  for (const resource of environment.added) {
    lines.push(`  ${paint.added(`+ ${describeIdentity(resource.identity)}`)}  ${paint.quiet(resource.file)}`);
  }
  for (const resource of environment.removed) {
    lines.push(`  ${paint.removed(`- ${describeIdentity(resource.identity)}`)}  ${paint.quiet(resource.file)}`);
  }
  for (const resource of environment.changed) {
    const files = resource.fileBefore === resource.fileAfter ? resource.fileAfter : `${resource.fileBefore} → ${resource.fileAfter}`;
    lines.push(`  ${paint.changed(`~ ${describeIdentity(resource.identity)}`)}  ${paint.quiet(files)}`);
    for (const change of resource.changes) lines.push(...changeLines(change, paint));
  }
  for (const rename of environment.renamed) lines.push(...renameLines(rename, paint));
  for (const resource of environment.moved) {
    const note = `= ${describeIdentity(resource.identity)}  moved ${resource.fileBefore} → ${resource.fileAfter}, unchanged`;
    lines.push(`  ${paint.quiet(note)}`);
  }
  return lines;
}

function renameLines(rename: RenamedResource, paint: Palette): string[] {
  const similarity = `${Math.floor(rename.similarity * 100)}% similar`;
  const heading = `→ ${describeIdentity(rename.from.identity)} renamed to ${rename.to.identity.name}`;
  const lines = [`  ${paint.changed(heading)}  ${paint.quiet(`${rename.from.file} → ${rename.to.file}, ${similarity}`)}`];
  for (const change of rename.changes) lines.push(...changeLines(change, paint));
  return lines;
}

function changeLines(change: FieldChange, paint: Palette): string[] {
  const lines = [`      ${formatPath(change.path)}${change.kind === 'reordered' ? paint.quiet(' (order)') : ''}`];
  if (change.kind !== 'added') lines.push(...valueLines('-', change.before, paint.removed));
  if (change.kind !== 'removed') lines.push(...valueLines('+', change.after, paint.added));
  return lines;
}

function valueLines(sign: string, value: unknown, paint: Paint): string[] {
  const block = blockValue(value);
  if (block.length === 1) return [`        ${paint(`${sign} ${block[0]}`)}`];
  return block.map((line, i) => `        ${paint(`${i === 0 ? sign : ' '} ${line}`)}`);
}
