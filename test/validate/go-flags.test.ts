import { GoFlagError, normalizeGoFlags, type GoFlagTable } from '../../lib/cli/go-flags';

const TABLE: GoFlagTable = { booleans: new Set(['strict', 'summary', 'h']), values: new Set(['output', 'skip', 'n', 'o']) };

describe('normalizeGoFlags', () => {
  it('takes -name and --name alike, with the value attached or next', () => {
    expect(normalizeGoFlags(['-summary', '--strict', '-output', 'json', '-skip=Secret', 'dist/'], TABLE)).toEqual(['--summary', '--strict', '--output=json', '--skip=Secret', 'dist/']);
  });

  it('reads -bool=value with Go\'s boolean words, and never takes the next argument for a boolean', () => {
    expect(normalizeGoFlags(['-strict=false', '-summary=1', '-strict', 'file.yaml'], TABLE)).toEqual(['--no-strict', '--summary', '--strict', 'file.yaml']);
    expect(normalizeGoFlags(['--no-strict'], TABLE)).toEqual(['--no-strict']);
    expect(() => normalizeGoFlags(['-strict=yes'], TABLE)).toThrow(new GoFlagError('invalid boolean value "yes" for -strict: parse error'));
  });

  it('keeps a value that starts with a dash as the value, as Go does', () => {
    expect(normalizeGoFlags(['-skip', '-odd', '-n', '-1'], TABLE)).toEqual(['--skip=-odd', '-n', '-1']);
  });

  it('leaves - (standard input) and everything after -- alone', () => {
    expect(normalizeGoFlags(['-', '--', '-strict', '-xyz'], TABLE)).toEqual(['-', '--', '-strict', '-xyz']);
  });

  it('rejects unknown flags and a value flag at the end, with Go\'s messages', () => {
    expect(() => normalizeGoFlags(['-xyz'], TABLE)).toThrow('flag provided but not defined: -xyz');
    expect(() => normalizeGoFlags(['--no-output'], TABLE)).toThrow('flag provided but not defined: -no-output');
    expect(() => normalizeGoFlags(['-output'], TABLE)).toThrow('flag needs an argument: -output');
  });
});
