import { splitDocuments } from '../../lib/manifest';

describe('splitDocuments', () => {
  it('keeps a single document without markers whole, starting on its first content line', () => {
    const docs = splitDocuments('# header\nkind: A\n');
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ firstLine: 1, contentLine: 2, hasContent: true });
  });

  it('splits on --- and reports each document start line', () => {
    const docs = splitDocuments('kind: A\n---\nkind: B\n---\n\nkind: C\n');
    expect(docs.map((d) => [d.firstLine, d.contentLine])).toEqual([[1, 1], [2, 3], [4, 6]]);
    expect(docs[1].text).toBe('---\nkind: B');
  });

  it('ignores comments before the first marker but keeps explicit empty documents', () => {
    const docs = splitDocuments('# generated\n---\nkind: A\n---\n# nothing here\n---\nkind: B\n');
    expect(docs.map((d) => d.hasContent)).toEqual([true, false, true]);
  });

  it('does not split on --- that is not at column 0 or is followed by text', () => {
    const docs = splitDocuments('data:\n  script: |\n    echo ---\n  x: ---a\n');
    expect(docs).toHaveLength(1);
  });

  it('treats content on the marker line as the document start', () => {
    const docs = splitDocuments('--- {kind: A}\n--- {kind: B}\n');
    expect(docs.map((d) => d.contentLine)).toEqual([1, 2]);
  });

  it('ends a document at ... and starts the next one after it', () => {
    const docs = splitDocuments('kind: A\n...\nkind: B\n');
    expect(docs.map((d) => [d.contentLine, d.text])).toEqual([[1, 'kind: A\n...'], [3, 'kind: B\n']]);
  });

  it('keeps directives with the document they precede', () => {
    const docs = splitDocuments('kind: A\n...\n%YAML 1.2\n---\nkind: B\n');
    expect(docs).toHaveLength(2);
    expect(docs[1].text.startsWith('%YAML 1.2\n---')).toBe(true);
  });

  it('understands CRLF line endings', () => {
    expect(splitDocuments('kind: A\r\n---\r\nkind: B\r\n')).toHaveLength(2);
  });

  it('returns nothing for an empty or comment-only stream', () => {
    expect(splitDocuments('')).toEqual([]);
    expect(splitDocuments('# just a comment\n')).toEqual([]);
  });
});
