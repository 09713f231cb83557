/**
 * conftest's `parse` output (`parser.Format` / `parser.FormatCombined`): the inputs as the policies
 * see them, as Go's `json.MarshalIndent(…, "", "  ")` writes them (object keys sorted).
 */
import { combineInputs, type InputFile } from './inputs';
import { goIndentedJson, sortedKeys } from './output/go-json';

/**
 * One file: its document (or the array of its documents); several files: an object keyed by path;
 * `combine`: the combined array of `{path, contents}`. Ends with a newline, as `fmt.Println` does.
 */
export function formatParsed(files: readonly InputFile[], combine = false): string {
  const flat = (file: InputFile): unknown => (file.documents.length === 1 ? file.documents[0] : file.documents);
  let value: unknown;
  if (combine) value = combineInputs(files).map((item) => ({ path: item.path, contents: sortDeep(item.contents) }));
  else if (files.length === 1) value = sortDeep(flat(files[0]));
  else value = sortedKeys(Object.fromEntries(files.map((file) => [file.path, flat(file)])));
  return `${goIndentedJson(value, '  ')}\n`;
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object') return sortedKeys(value as Record<string, unknown>);
  return value;
}
