import { isUpToDate, staleFiles } from '../../lib/gate/stale-files';

const tree = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('staleFiles', () => {
  it('finds nothing when dist/ is what synthesis writes', () => {
    const stale = staleFiles(tree({ 'a.yaml': '1', 'b.yaml': '2' }), tree({ 'b.yaml': '2', 'a.yaml': '1' }));
    expect(stale).toEqual({ missing: [], extra: [], changed: [] });
    expect(isUpToDate(stale)).toBe(true);
  });

  it('lists missing, extra and hand-edited files, sorted', () => {
    const fresh = tree({ 'z.yaml': 'new', 'a.yaml': 'same', 'm.yaml': 'fresh', 'c.yaml': 'fresh' });
    const committed = tree({ 'a.yaml': 'same', 'm.yaml': 'edited', 'c.yaml': 'edited', 'old.yaml': 'gone' });
    const stale = staleFiles(fresh, committed);
    expect(stale).toEqual({ missing: ['z.yaml'], extra: ['old.yaml'], changed: ['c.yaml', 'm.yaml'] });
    expect(isUpToDate(stale)).toBe(false);
  });
});
