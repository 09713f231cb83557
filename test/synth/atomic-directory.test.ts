import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTree, recoverInterruptedSwap, replaceDirectory } from '../../lib/synth/atomic-directory';

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'atomic-'));
}

const tree = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('replaceDirectory', () => {
  it('creates the target with exactly the given files', () => {
    const target = join(tempFolder(), 'dist');
    expect(replaceDirectory(target, tree({ 'production/a.yaml': 'a\n', 'argocd/b.yaml': 'b\n' }))).toBe(true);
    expect(readTree(target)).toEqual(tree({ 'argocd/b.yaml': 'b\n', 'production/a.yaml': 'a\n' }));
  });

  it('drops files that the new tree no longer has and leaves no sibling folders behind', () => {
    const parent = tempFolder();
    const target = join(parent, 'dist');
    replaceDirectory(target, tree({ 'production/old.yaml': 'old\n', 'production/kept.yaml': 'v1\n' }));
    replaceDirectory(target, tree({ 'production/kept.yaml': 'v2\n' }));
    expect(readTree(target)).toEqual(tree({ 'production/kept.yaml': 'v2\n' }));
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  it('reports an unchanged tree and does not rewrite it', () => {
    const target = join(tempFolder(), 'dist');
    replaceDirectory(target, tree({ 'a.yaml': 'same\n' }));
    expect(replaceDirectory(target, tree({ 'a.yaml': 'same\n' }))).toBe(false);
  });
});

describe('recoverInterruptedSwap', () => {
  it('restores the previous tree when a run died between its two renames', () => {
    const parent = tempFolder();
    const target = join(parent, 'dist');
    replaceDirectory(target, tree({ 'production/a.yaml': 'committed\n' }));
    // Simulate a kill after the old tree was moved aside but before the new one was moved in.
    renameSync(target, join(parent, '.dist.previous-4242'));
    mkdirSync(join(parent, '.dist.staging-4242'));
    writeFileSync(join(parent, '.dist.staging-4242', 'half.yaml'), 'partial');

    recoverInterruptedSwap(target);
    expect(readTree(target)).toEqual(tree({ 'production/a.yaml': 'committed\n' }));
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  it('leaves an intact target alone and removes abandoned staging folders', () => {
    const parent = tempFolder();
    const target = join(parent, 'dist');
    replaceDirectory(target, tree({ 'a.yaml': 'a\n' }));
    mkdirSync(join(parent, '.dist.staging-1'));
    recoverInterruptedSwap(target);
    expect(existsSync(join(parent, '.dist.staging-1'))).toBe(false);
    expect(readTree(target)).toEqual(tree({ 'a.yaml': 'a\n' }));
  });
});
