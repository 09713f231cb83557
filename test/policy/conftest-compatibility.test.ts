/**
 * A conftest suite (policy, inputs, expected output in conftest's formats) run through the runner:
 * the output must be byte for byte what conftest prints.
 */
import * as fs from 'node:fs';
import { exitCode, formatter, runPolicies } from '../../lib/policy';

const suite = 'test/fixtures/policy/conftest';
const expected = (name: string): string => fs.readFileSync(`${suite}/${name}`, 'utf8');

describe('a conftest suite run unchanged', () => {
  const results = runPolicies({ paths: [`${suite}/input`], policy: [`${suite}/policy`] });

  it('prints conftest json', () => {
    expect(formatter('json')(results)).toBe(expected('expected.json'));
  });

  it('prints conftest tap', () => {
    expect(formatter('tap')(results)).toBe(expected('expected.tap'));
  });

  it('prints conftest stdout with its summary line', () => {
    expect(formatter('stdout')(results)).toBe(expected('expected.stdout'));
  });

  it('exits 1 on failures, as conftest does', () => {
    expect(exitCode(results)).toBe(1);
  });

  it('evaluates the combined input under --combine', () => {
    const combined = runPolicies({ paths: [`${suite}/input`], policy: [`${suite}/policy`], combine: true });
    expect(combined.map((result) => [result.filename, result.namespace])).toEqual([['Combined', 'main']]);
    // The rules look at input.kind, which an array of {path, contents} does not have.
    expect(combined[0].failures).toEqual([]);
  });

  it('lists every namespace with --all-namespaces', () => {
    const all = runPolicies({ paths: [`${suite}/input/service.yaml`], policy: [`${suite}/policy`], allNamespaces: true });
    expect(all.map((result) => result.namespace)).toEqual(['main']);
  });
});
