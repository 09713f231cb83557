/** conftest's parse_config builtins, given to the engine by the policy runner only. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compile, RegoError } from '../../lib/rego';
import { PolicySet } from '../../lib/policy';

describe('conftest builtins', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-builtins-'));
    fs.mkdirSync(path.join(folder, 'policy'));
    fs.mkdirSync(path.join(folder, 'config'));
    fs.writeFileSync(path.join(folder, 'config', 'app.yaml'), 'replicas: 1\n---\nreplicas: 4\n');
    fs.writeFileSync(path.join(folder, 'config', 'limits.json'), '{"max": 3}');
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  /** Loads one policy module and evaluates `data.main.<rule>`. */
  function evaluate(rule: string, module: string, options: { showBuiltinErrors?: boolean } = {}): unknown {
    fs.writeFileSync(path.join(folder, 'policy', 'main.rego'), `package main\n\nimport rego.v1\n\n${module}\n`);
    const [value] = PolicySet.load([path.join(folder, 'policy')], options).evaluator({}).values([`data.main.${rule}`], {}).values;
    return value;
  }

  it('parse_config parses YAML and JSON text into an object', () => {
    expect(evaluate('x', 'x := parse_config("yaml", "a: 1\\nb: [x]")')).toEqual({ a: 1, b: ['x'] });
    expect(evaluate('x', 'x := parse_config("json", `{"a": true}`)')).toEqual({ a: true });
  });

  it('parse_config is undefined for an unknown parser, bad text or a non-object, and raises with --show-builtin-errors', () => {
    expect(evaluate('x', 'x := parse_config("toml", "a = 1")')).toBeUndefined();
    expect(evaluate('x', 'x := parse_config("yaml", "a: [")')).toBeUndefined();
    expect(evaluate('x', 'x := parse_config("yaml", "- 1")')).toBeUndefined();
    expect(() => evaluate('x', 'x := parse_config("toml", "a = 1")', { showBuiltinErrors: true })).toThrow(
      /parse_config: unknown parser "toml"; the supported parsers are json, yaml/,
    );
    expect(() => evaluate('x', 'x := parse_config("yaml", "- 1")', { showBuiltinErrors: true })).toThrow(/expected one object, found an array/);
  });

  it('parse_config_file reads a file relative to the calling policy', () => {
    expect(evaluate('x', 'x := parse_config_file("../config/limits.json")')).toEqual({ max: 3 });
    expect(evaluate('x', 'x := parse_config_file("../config/missing.yaml")')).toBeUndefined();
    expect(() => evaluate('x', 'x := parse_config_file("../config/missing.yaml")', { showBuiltinErrors: true })).toThrow(
      /read config file .*config\/missing\.yaml: ENOENT/,
    );
  });

  it('parse_combined_config_files gives the combined input, one entry per document', () => {
    const combined = evaluate('x', 'x := parse_combined_config_files(["../config/limits.json", "../config/app.yaml"])');
    const config = path.join(folder, 'config');
    expect(combined).toEqual([
      { path: path.join(config, 'app.yaml'), contents: { replicas: 1 } },
      { path: path.join(config, 'app.yaml'), contents: { replicas: 4 } },
      { path: path.join(config, 'limits.json'), contents: { max: 3 } },
    ]);
  });

  it('checks operand types like the engine builtins', () => {
    expect(evaluate('x', 'x := parse_combined_config_files(["a.yaml", 1])')).toBeUndefined();
    expect(() => evaluate('x', 'x := parse_config("yaml")')).toThrow(/parse_config: arity mismatch/);
  });

  it('are not builtins of the engine itself', () => {
    expect(() => compile([{ path: 'p.rego', text: 'package p\n\nx := parse_config("yaml", "a: 1")\n' }])).toThrow(RegoError);
    expect(() => compile([{ path: 'p.rego', text: 'package p\n\nx := parse_config("yaml", "a: 1")\n' }])).toThrow(/undefined function parse_config/);
  });
});
