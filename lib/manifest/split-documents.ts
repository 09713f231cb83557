/**
 * Splitting a YAML stream into its documents without parsing them, so each document keeps the line
 * it starts on and can be parsed (and later located) on its own.
 *
 * YAML forbids a document marker (`---` or `...` at column 0 followed by a space or line end) inside
 * any node, block scalars included, so a line scan finds exactly the boundaries a parser would.
 */

/** The text of one document of a stream and where it sits in the file. */
export interface DocumentSource {
  /** The document's lines, from its `---` marker (if any) to the line before the next document. */
  readonly text: string;
  /** 1-based line of the first line of `text` in the file. */
  readonly firstLine: number;
  /** 1-based line of the document's first content (the marker line if content follows it there). */
  readonly contentLine: number;
  /** False when the document holds only markers, comments, directives or blank lines. */
  readonly hasContent: boolean;
}

const START_MARKER = /^---(?:[ \t\r]|$)/;
const END_MARKER = /^\.\.\.(?:[ \t\r]|$)/;

/** Splits a YAML (or JSON) stream into documents, in order. Text before the first `---` is a document only if it has content. */
export function splitDocuments(text: string): DocumentSource[] {
  const lines = text.split('\n');
  const documents: DocumentSource[] = [];
  let chunkStart = 0;
  let explicit = false;
  let contentLine = 0;

  const close = (end: number): void => {
    if (explicit || contentLine > 0) {
      documents.push({
        text: lines.slice(chunkStart, end).join('\n'),
        firstLine: chunkStart + 1,
        contentLine: contentLine > 0 ? contentLine : chunkStart + 1,
        hasContent: contentLine > 0,
      });
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (START_MARKER.test(line)) {
      // Comments and directives (`%YAML`) before a marker belong to the document it opens.
      if (explicit || contentLine > 0) {
        close(i);
        chunkStart = i;
      }
      explicit = true;
      contentLine = isContent(line.slice(3)) ? i + 1 : 0;
    } else if (END_MARKER.test(line)) {
      close(i + 1);
      chunkStart = i + 1;
      explicit = false;
      contentLine = 0;
    } else if (contentLine === 0 && isContent(line)) {
      contentLine = i + 1;
    }
  }
  close(lines.length);
  return documents;
}

function isContent(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('%');
}
