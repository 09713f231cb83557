import { setScalar, YamlEditError } from '../../lib/review/yaml-edit';

const TEXT = [
  '# top comment',
  'app:',
  '  green:',
  '  blue: ~',
  '  red: {}',
  '  teal: {tag: "1"}',
  '  amber:   # kept',
  '    image: "old"  # tail',
  '    list: [a,b]',
  'other: 2',
  '',
].join('\n');

describe('setScalar', () => {
  it('replaces a value in its quoting style, keeping comments on the line', () => {
    expect(setScalar(TEXT, ['app', 'amber', 'image'], 'new')).toBe(TEXT.replace('image: "old"', 'image: "new"'));
  });

  it('adds a missing key under the last entry of a block mapping, at its indentation', () => {
    expect(setScalar(TEXT, ['app', 'amber', 'tag'], 'v2')).toBe(TEXT.replace('    list: [a,b]\n', '    list: [a,b]\n    tag: v2\n'));
  });

  it('creates missing mappings on the way', () => {
    expect(setScalar(TEXT, ['app', 'violet', 'image'], 'x')).toBe(TEXT.replace('other: 2', '  violet:\n    image: x\nother: 2'));
  });

  it('fills an empty or null value with a flow mapping', () => {
    expect(setScalar(TEXT, ['app', 'green', 'image'], 'x')).toBe(TEXT.replace('  green:\n', '  green: { image: x }\n'));
    expect(setScalar(TEXT, ['app', 'blue', 'image'], 'x')).toBe(TEXT.replace('  blue: ~', '  blue: { image: x }'));
  });

  it('adds to a flow mapping inside its braces', () => {
    expect(setScalar(TEXT, ['app', 'red', 'image'], 'x')).toBe(TEXT.replace('  red: {}', '  red: { image: x }'));
    expect(setScalar(TEXT, ['app', 'teal', 'image'], 'x')).toBe(TEXT.replace('  teal: {tag: "1"}', '  teal: { tag: "1", image: x }'));
  });

  it('quotes a value that would read as another type', () => {
    expect(setScalar(TEXT, ['other'], 'true')).toBe(TEXT.replace('other: 2', 'other: "true"'));
  });

  it('refuses to replace a collection with a scalar', () => {
    expect(() => setScalar(TEXT, ['app', 'amber'], 'x')).toThrow(new YamlEditError('app.amber is a mapping or list, not a single value'));
    expect(() => setScalar(TEXT, ['app', 'amber', 'list', 'x'], 'x')).toThrow('app.amber.list is not a mapping');
  });
});
