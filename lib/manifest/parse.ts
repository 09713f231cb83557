import * as jsyaml from 'js-yaml';
import { blockLocator, type BlockLocator } from './block-locate';
import { KUBERNETES_YAML_SCHEMA } from './kubernetes-yaml';
import { locateDocument, type DuplicateKey, type LocatedDocument, type SourcePosition } from './locate';
import { splitDocuments, type DocumentSource } from './split-documents';

/** Why a document could not be read, and where. */
export interface ManifestParseError {
  readonly reason: 'syntax';
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Where each part of one document is, worked out on first use and shared by the items of a List:
 * by the line scan of block-locate.ts when the document is plain block style, else (or for a
 * pointer into a flow collection) by the js-yaml pass of locate.ts.
 */
export class DocumentPositions {
  /** undefined until first asked; null when the document is not plain block style. */
  private block: BlockLocator | null | undefined;

  constructor(
    private readonly source: DocumentSource,
    private located?: LocatedDocument,
  ) {}

  positionOf(pointer: string): SourcePosition {
    if (this.located === undefined) {
      if (this.block === undefined) this.block = blockLocator(this.source);
      const position = this.block?.(pointer);
      if (position !== undefined) return position;
    }
    this.located ??= locateDocument(this.source, { values: false });
    return this.located.locate(pointer);
  }
}

/** One document of a manifest file: `{file, index, line, object}`, plus a JSON pointer → line lookup. */
export class ManifestDocument {
  constructor(
    /** The file as it was named to the reader (`stdin` for standard input). */
    readonly file: string,
    /** 0-based position of the document in its file, empty documents included. */
    readonly index: number,
    /** 1-based line of the document's first content. */
    readonly line: number,
    /**
     * The parsed value, read as Kubernetes reads YAML (see kubernetes-yaml.ts); `undefined` when the
     * document is empty or could not be parsed. A repeated key keeps its last value, as in Kubernetes.
     */
    readonly object: unknown,
    /** Set when the document could not be parsed. */
    readonly error: ManifestParseError | undefined,
    /** Keys written twice in one mapping, in document order. */
    readonly duplicateKeys: readonly DuplicateKey[],
    private readonly positions: DocumentPositions,
    /** For an item of a `kind: List` document: its 0-based index in `items`. */
    readonly item?: number,
  ) {}

  /** True for a document with no content (only comments, markers, or `null`). */
  get empty(): boolean {
    return this.error === undefined && (this.object === undefined || this.object === null);
  }

  /** Where a JSON pointer (e.g. `/spec/replicas`) sits in the file; the nearest existing parent when it does not exist. */
  positionOf(pointer: string): SourcePosition {
    return this.positions.positionOf(this.item === undefined ? pointer : `/items/${this.item}${pointer}`);
  }

  /** The line of a JSON pointer, see {@link positionOf}. */
  lineOf(pointer: string): number {
    return this.positionOf(pointer).line;
  }

  /** One item of this List document, located within it. */
  itemDocument(item: number, object: unknown, duplicateKeys: readonly DuplicateKey[]): ManifestDocument {
    const line = this.positions.positionOf(`/items/${item}`).line;
    return new ManifestDocument(this.file, this.index, line, object, undefined, duplicateKeys, this.positions, item);
  }
}

/**
 * Reads every document of a YAML or JSON text. Never throws for bad input: a document that cannot be
 * parsed carries an `error` with its line, and the documents after it are still read.
 */
export function parseManifest(text: string, file: string): ManifestDocument[] {
  return splitDocuments(text).map((source, index) => parseDocumentSource(source, index, file));
}

function parseDocumentSource(source: DocumentSource, index: number, file: string): ManifestDocument {
  const positions = new DocumentPositions(source);
  if (!source.hasContent) return new ManifestDocument(file, index, source.contentLine, undefined, undefined, [], positions);
  try {
    const object = jsyaml.load(source.text, { schema: KUBERNETES_YAML_SCHEMA });
    return new ManifestDocument(file, index, source.contentLine, object, undefined, [], positions);
  } catch (error) {
    if (!(error instanceof jsyaml.YAMLException)) throw error;
    if (error.reason !== 'duplicated mapping key') {
      return new ManifestDocument(file, index, source.contentLine, undefined, toParseError(error, source), [], positions);
    }
  }
  // A repeated key: read again keeping the last value, and find every repetition, not just the first.
  const located = locateDocument(source);
  return new ManifestDocument(file, index, source.contentLine, located.value, undefined, located.duplicateKeys, new DocumentPositions(source, located));
}

function toParseError(error: jsyaml.YAMLException, source: DocumentSource): ManifestParseError {
  const mark = (error as jsyaml.YAMLException & { mark?: { line: number; column: number } }).mark;
  const line = mark ? source.firstLine + mark.line : source.contentLine;
  const column = mark ? mark.column + 1 : 1;
  return { reason: 'syntax', message: `YAML syntax error: ${error.reason}`, line, column };
}
