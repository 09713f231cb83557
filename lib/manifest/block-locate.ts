/**
 * Where things are in a document written in plain block style (what kubectl, Helm and cdk8s write):
 * a scan of its lines by indentation, several times faster than the js-yaml pass of locate.ts,
 * which it stands in for when a document has many findings to place (tens of thousands of invalid
 * resources).
 *
 * It gives the same positions as locate.ts (a mapping entry at its key, a sequence item at its
 * content) and knows only what it can read with certainty: anchors, aliases, tags, complex keys,
 * multi-line plain or quoted scalars, flow collections over several lines, and empty sequence
 * items make the whole document unknown (null), and a pointer into a flow collection is unknown
 * (undefined); in both cases the caller asks locate.ts.
 */
import { plainKeyText } from './kubernetes-yaml';
import type { SourcePosition } from './locate';
import { parsePointer } from './pointer';
import type { DocumentSource } from './split-documents';

/** A node of the document: a block mapping or sequence, a scalar, or a flow collection (opaque). */
interface BlockNode {
  readonly entries?: Map<string, { readonly at: SourcePosition; readonly value: BlockNode | undefined }>;
  readonly items?: { readonly at: SourcePosition; readonly value: BlockNode }[];
  readonly opaque?: boolean;
}

const SCALAR: BlockNode = {};
const OPAQUE: BlockNode = { opaque: true };

/** Thrown inside the scan when the document uses something the scan does not read. */
class Unsupported extends Error {}

/** One line with content: where its content starts, and that content (trailing spaces kept). */
interface Line {
  readonly number: number;
  readonly indent: number;
  readonly content: string;
  /** The indentation ends in a tab: legal only inside a scalar, which the scan skips. */
  readonly tabbed: boolean;
}

/** Where a JSON pointer sits; undefined when the scan cannot tell (a pointer into a flow collection). */
export type BlockLocator = (pointer: string) => SourcePosition | undefined;

/** A locator for a block-style document, or null when the document uses anything this scan does not read. */
export function blockLocator(source: DocumentSource): BlockLocator | null {
  let root: BlockNode | undefined;
  try {
    const lines = contentLines(source);
    if (lines.length === 0) return null;
    const scan = new Scan(lines, source.firstLine);
    root = scan.node(-1);
    if (scan.next < lines.length) throw new Unsupported();
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  const fallback: SourcePosition = { line: source.contentLine, column: 1 };
  return (pointer) => {
    let node: BlockNode | undefined = root;
    let position = fallback;
    for (const segment of parsePointer(pointer)) {
      if (node === undefined) break;
      if (node.opaque) return undefined;
      let child: { at: SourcePosition; value: BlockNode | undefined } | undefined;
      if (node.entries) child = node.entries.get(segment);
      else if (node.items && /^\d+$/.test(segment)) child = node.items[Number(segment)];
      if (child === undefined) break;
      position = child.at;
      node = child.value;
    }
    return position;
  };
}

/** The lines holding content, without comments-only and blank lines; throws on what the scan does not read. */
function contentLines(source: DocumentSource): Line[] {
  const lines: Line[] = [];
  const raw = source.text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const text = raw[i].endsWith('\r') ? raw[i].slice(0, -1) : raw[i];
    let indent = 0;
    while (text.charCodeAt(indent) === 0x20) indent++;
    const content = text.slice(indent);
    if (content === '' || content.startsWith('#')) continue;
    if (indent === 0 && (content.startsWith('%') || /^(?:---|\.\.\.)(?:[ \t]|$)/.test(content))) {
      // A marker line with content after it (`--- {a: 1}`) is not read here.
      if (content.startsWith('%') || !/^(?:---|\.\.\.)\s*(?:#.*)?$/.test(content)) throw new Unsupported();
      continue;
    }
    lines.push({ number: i, indent, content, tabbed: content.startsWith('\t') });
  }
  return lines;
}

/** A recursive descent over the content lines, by indentation. */
class Scan {
  next = 0;

  constructor(
    private readonly lines: readonly Line[],
    private readonly firstLine: number,
  ) {}

  /**
   * The node starting at line `next`, more indented than `parentIndent`; a sequence may also sit at
   * the parent's indent when `sequenceAtParent` (a mapping's value written `key:\n- item`).
   */
  node(parentIndent: number, sequenceAtParent = false): BlockNode | undefined {
    const line = this.lines[this.next];
    if (line === undefined) return undefined;
    const { indent, content } = line;
    if (line.tabbed) throw new Unsupported();
    const isItem = content === '-' || content.startsWith('- ');
    if (indent <= parentIndent && !(sequenceAtParent && isItem && indent === parentIndent)) return undefined;
    if (isItem) return this.sequence(indent);
    if (keyEnd(content) !== -1) return this.mapping(indent);
    // A scalar or flow collection standing alone on its lines.
    return this.inlineValue(content, indent);
  }

  private mapping(indent: number): BlockNode {
    const entries = new Map<string, { at: SourcePosition; value: BlockNode | undefined }>();
    let first = true;
    while (this.next < this.lines.length) {
      const line = this.lines[this.next];
      // The first key may sit mid-line, after a sequence item's `- `.
      const at = first ? indent : line.indent;
      if (!first && line.indent !== indent) {
        if (line.indent > indent) throw new Unsupported();
        break;
      }
      if (line.tabbed) throw new Unsupported();
      const content = line.content.slice(at - line.indent);
      if (content === '-' || content.startsWith('- ')) break;
      const end = keyEnd(content);
      if (end === -1) throw new Unsupported();
      const key = keyText(content.slice(0, end));
      const position = { line: line.number + this.firstLine, column: at + 1 };
      const rest = afterSpaces(content, end + 1);
      first = false;
      let value: BlockNode | undefined;
      if (rest === '' || rest.startsWith('#')) {
        this.next++;
        value = this.node(indent, true);
      } else {
        value = this.inlineValue(rest, indent);
      }
      entries.set(key, { at: position, value });
    }
    return { entries };
  }

  private sequence(indent: number): BlockNode {
    const items: { at: SourcePosition; value: BlockNode }[] = [];
    while (this.next < this.lines.length) {
      const line = this.lines[this.next];
      if (line.indent !== indent) {
        if (line.indent > indent) throw new Unsupported();
        break;
      }
      if (line.tabbed) throw new Unsupported();
      const content = line.content;
      if (!(content === '-' || content.startsWith('- '))) break;
      let offset = 1;
      while (content.charCodeAt(offset) === 0x20) offset++;
      const rest = content.slice(offset);
      // An item on the following lines, or an empty one, or a sequence in a sequence: not read here.
      if (rest === '' || rest.startsWith('#') || rest === '-' || rest.startsWith('- ')) throw new Unsupported();
      const column = indent + offset;
      const at = { line: line.number + this.firstLine, column: column + 1 };
      if (keyEnd(rest) !== -1) {
        items.push({ at, value: this.mapping(column) });
        continue;
      }
      items.push({ at, value: this.inlineValue(rest, indent) });
    }
    return { items };
  }

  /**
   * A value written after `key: ` or `- ` (or alone) on line `next`, read past its last line: a
   * block scalar or a plain scalar goes on over the lines more indented than `indent`; a quoted
   * scalar or a flow collection must end on its line.
   */
  private inlineValue(text: string, indent: number): BlockNode {
    const first = text[0];
    if (first === '&' || first === '*' || first === '!' || first === '?' || first === '@' || first === '`' || first === '%') throw new Unsupported();
    let node = SCALAR;
    if (first === '"' || first === "'") {
      const end = quotedEnd(text, 0);
      if (end === -1) throw new Unsupported();
      const rest = afterSpaces(text, end);
      if (rest !== '' && !rest.startsWith('#')) throw new Unsupported();
      this.noContinuation(indent);
    } else if (first === '[' || first === '{') {
      if (!flowClosesOnLine(text)) throw new Unsupported();
      this.noContinuation(indent);
      node = OPAQUE;
    }
    this.next++;
    // The lines of a block scalar, or a plain scalar's continuation lines (a parsed document has
    // no key among them: `: ` cannot continue a plain scalar).
    while (this.next < this.lines.length && this.lines[this.next].indent > indent) this.next++;
    return node;
  }

  /** A more indented line after a quoted scalar or flow collection would continue it: not read here. */
  private noContinuation(indent: number): void {
    const following = this.lines[this.next + 1];
    if (following !== undefined && following.indent > indent) throw new Unsupported();
  }
}

/**
 * Where a mapping key ends (the index of its `:`), or -1 when the text does not start with a key:
 * a plain key (no indicator first, ends at `: ` or `:` at the end) or a quoted one without escapes.
 */
function keyEnd(text: string): number {
  const first = text[0];
  if (first === '"' || first === "'") {
    const end = quotedEnd(text, 0);
    if (end === -1 || text.slice(0, end).includes('\\')) return -1;
    let i = end;
    while (text.charCodeAt(i) === 0x20) i++;
    return text[i] === ':' && (i + 1 === text.length || text[i + 1] === ' ') ? i : -1;
  }
  if (first === undefined || '[]{},#&*!|>%@`?'.includes(first) || (first === '-' && (text.length === 1 || text[1] === ' '))) return -1;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === ':' && (i + 1 === text.length || text[i + 1] === ' ')) return i;
    if (c === '#' && text[i - 1] === ' ') return -1;
  }
  return -1;
}

/** A key as Kubernetes reads it (see locate.ts keyText). */
function keyText(raw: string): string {
  const text = raw.trimEnd();
  if (text[0] === '"') return text.slice(1, -1);
  if (text[0] === "'") return text.slice(1, -1).replace(/''/g, "'");
  return plainKeyText(text);
}

/** The index just after the closing quote of the quoted scalar opening at `start`, or -1. */
function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** True when the flow collection opening the text closes on it (brackets outside quotes balance). */
function flowClosesOnLine(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = quotedEnd(text, i);
      if (end === -1) return false;
      i = end - 1;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        const rest = afterSpaces(text, i + 1);
        return rest === '' || rest.startsWith('#');
      }
    } else if (c === '#' && text[i - 1] === ' ') return false;
  }
  return false;
}

function afterSpaces(text: string, from: number): string {
  let i = from;
  while (text.charCodeAt(i) === 0x20) i++;
  return text.slice(i);
}
