import * as jsyaml from 'js-yaml';
import { createPointerLocator, type PointerLocator, type SourcePosition } from './locate';
import { splitDocuments, type DocumentSource } from './split-documents';

/** Why a document could not be read, and where. */
export interface ManifestParseError {
  /** `duplicate-key` for a key written twice in one mapping, `syntax` for anything else the parser rejects. */
  readonly reason: 'duplicate-key' | 'syntax';
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** One document of a manifest file: `{file, index, line, object}`, plus a JSON pointer → line lookup. */
export class ManifestDocument {
  private locator: PointerLocator | undefined;

  constructor(
    /** The file as it was named to the reader. */
    readonly file: string,
    /** 0-based position of the document in its file, empty documents included. */
    readonly index: number,
    /** 1-based line of the document's first content. */
    readonly line: number,
    /**
     * The parsed value; `undefined` when the document is empty or could not be parsed. With a
     * duplicate key it holds the value read with the last of each repeated key, as Kubernetes would.
     */
    readonly object: unknown,
    /** Set when the document could not be parsed. */
    readonly error: ManifestParseError | undefined,
    private readonly source: DocumentSource,
  ) {}

  /** True for a document with no content (only comments, markers, or `null`). */
  get empty(): boolean {
    return this.error === undefined && (this.object === undefined || this.object === null);
  }

  /** Where a JSON pointer (e.g. `/spec/replicas`) sits in the file; the nearest existing parent when it does not exist. */
  positionOf(pointer: string): SourcePosition {
    this.locator ??= createPointerLocator(this.source);
    return this.locator(pointer);
  }

  /** The line of a JSON pointer, see {@link positionOf}. */
  lineOf(pointer: string): number {
    return this.positionOf(pointer).line;
  }
}

// Kubernetes reads YAML as JSON-compatible data: no timestamps or binary, but `<<` merge keys work.
const mergeType = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge;
const KUBERNETES_YAML = jsyaml.CORE_SCHEMA.extend({ implicit: [mergeType] });

/**
 * Reads every document of a YAML or JSON text. Never throws for bad input: a document that cannot be
 * parsed carries an `error` with its line, and the documents after it are still read.
 */
export function parseManifest(text: string, file: string): ManifestDocument[] {
  return splitDocuments(text).map((source, index) => parseDocumentSource(source, index, file));
}

function parseDocumentSource(source: DocumentSource, index: number, file: string): ManifestDocument {
  if (!source.hasContent) return new ManifestDocument(file, index, source.contentLine, undefined, undefined, source);
  try {
    const object = jsyaml.load(source.text, { schema: KUBERNETES_YAML, filename: file });
    return new ManifestDocument(file, index, source.contentLine, object, undefined, source);
  } catch (error) {
    if (!(error instanceof jsyaml.YAMLException)) throw error;
    const parseError = toParseError(error, source);
    const object = parseError.reason === 'duplicate-key' ? readKeepingLastKey(source.text) : undefined;
    return new ManifestDocument(file, index, source.contentLine, object, parseError, source);
  }
}

/** js-yaml's JSON mode lets a repeated key override the earlier one instead of failing. */
function readKeepingLastKey(text: string): unknown {
  try {
    return jsyaml.load(text, { schema: KUBERNETES_YAML, json: true });
  } catch {
    return undefined;
  }
}

function toParseError(error: jsyaml.YAMLException, source: DocumentSource): ManifestParseError {
  const mark = (error as jsyaml.YAMLException & { mark?: { line: number; column: number } }).mark;
  const line = mark ? source.firstLine + mark.line : source.contentLine;
  const column = mark ? mark.column + 1 : 1;
  if (error.reason === 'duplicated mapping key') {
    const key = mark ? keyAt(source.text.split('\n')[mark.line] ?? '', mark.column) : '';
    return {
      reason: 'duplicate-key',
      message: `duplicate key ${JSON.stringify(key)}: a key may appear only once in a mapping; remove one of them`,
      line,
      column,
    };
  }
  return { reason: 'syntax', message: `YAML syntax error: ${error.reason}`, line, column };
}

/** The key written at a column, without quotes (js-yaml points at the repeated key). */
function keyAt(lineText: string, column: number): string {
  const rest = lineText.slice(column);
  const quoted = /^(["'])(.*?)\1/.exec(rest);
  if (quoted) return quoted[2];
  return rest.split(':')[0].trim();
}
