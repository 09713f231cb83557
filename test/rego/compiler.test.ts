import { RegoError, compile } from '../../lib/rego';

function compileError(text: string, regoVersion: 'v0' | 'v1' = 'v1'): RegoError {
  try {
    compile([{ path: 'c.rego', text }], { regoVersion });
  } catch (e) {
    if (e instanceof RegoError) return e;
    throw e;
  }
  throw new Error('expected a compile error');
}

describe('Rego compiler checks', () => {
  it('reports unsafe variables with their location', () => {
    const e = compileError('package c\np if {\n  x > 1\n}');
    expect(e.errors).toEqual([{ code: 'rego_unsafe_var_error', message: 'var x is unsafe', location: { file: 'c.rego', line: 3, col: 3 } }]);
    expect(compileError('package c\np contains y if { some x in [1] }').errors[0].message).toBe('var y is unsafe');
  });

  it('reorders literals so that bindings come before uses', () => {
    expect(compile([{ path: 'c.rego', text: 'package c\np := x if { x > 1; x := 2 }' }]).evaluate('data.c.p')).toBe(2);
  });

  it('detects recursion through rules', () => {
    const e = compileError('package c\np if q\nq if p');
    expect(e.code).toBe('rego_recursion_error');
    expect(e.errors[0].message).toMatch(/^rule data\.c\.[pq] is recursive: data\.c\.[pq] -> data\.c\.[pq] -> data\.c\.[pq]$/);
  });

  it('names unknown functions and checks arity', () => {
    expect(compileError('package c\np := no_such_fn(1)').errors[0]).toMatchObject({ code: 'rego_type_error', message: 'undefined function no_such_fn' });
    expect(compileError('package c\np := count(1, 2, 3)').errors[0].message).toMatch(/count: arity mismatch/);
  });

  it('rejects deprecated builtins in v1 but accepts them in v0', () => {
    expect(compileError('package c\np := any([true])').errors[0].message).toBe('deprecated built-in function calls in expression: any');
    expect(compile([{ path: 'c.rego', text: 'package c\np = any([true])' }], { regoVersion: 'v0' }).evaluate('data.c.p')).toBe(true);
  });

  it('resolves imports and aliases', () => {
    const p = compile([
      { path: 'lib.rego', text: 'package lib.util\ndouble(x) := x * 2' },
      { path: 'main.rego', text: 'package main\nimport data.lib.util as u\nimport input.spec\np := u.double(spec.n)' },
    ]);
    expect(p.evaluate('data.main.p', { spec: { n: 21 } })).toBe(42);
  });

  it('skips rules whose input.kind guard cannot hold, with the same result', () => {
    const text = 'package c\nimport rego.v1\ndeny contains "d" if { input.kind == "Deployment"; input.spec.replicas < 2 }\ndeny contains "s" if { input.kind == "Service"; not input.spec.ports }';
    const p = compile([{ path: 'c.rego', text }]);
    expect(p.evaluate('data.c.deny', { kind: 'Deployment', spec: { replicas: 1 } })).toEqual(['d']);
    expect(p.evaluate('data.c.deny', { kind: 'Service', spec: {} })).toEqual(['s']);
    expect(p.evaluate('data.c.deny', { kind: 'ConfigMap' })).toEqual([]);
  });

  it('lists every rule definition in module and source order, packages sorted (what conftest counts)', () => {
    const main = [
      'package main',
      'warn contains msg if { true; msg := "w" }',
      'deny contains msg if {',
      '\tmsg := "a"',
      '}',
      'f(x) := x',
      'deny contains msg if { msg := "b" }',
      'p := 1 if false else := 2',
      'default allow := false',
      'allow if input.x',
    ].join('\n');
    const p = compile([{ path: 'm.rego', text: main }, { path: 'b.rego', text: 'package alpha\nx := 1' }, { path: 'c.rego', text: 'package main\ndeny contains "c"' }]);
    expect([...p.ruleDefinitions()]).toEqual([
      ['alpha', ['x']],
      ['main', ['warn', 'deny', 'f', 'deny', 'p', 'allow', 'allow', 'deny']],
    ]);
  });

  it('lists packages and rule names sorted', () => {
    const p = compile([{ path: 'a.rego', text: 'package main\nwarn := 1\ndeny := 2\nf(x) := x' }, { path: 'b.rego', text: 'package alpha\nx := 1' }]);
    expect([...p.rules()]).toEqual([['alpha', ['x']], ['main', ['deny', 'f', 'warn']]]);
  });

  it('rejects conflicting rule kinds for one name', () => {
    expect(compileError('package c\nimport rego.v1\np contains 1\np := 2').errors[0].message).toBe('conflicting rules data.c.p found');
  });

  it('collects parse errors of every module', () => {
    try {
      compile([{ path: 'a.rego', text: 'package a\np := [' }, { path: 'b.rego', text: 'package' }]);
      throw new Error('expected errors');
    } catch (e) {
      expect((e as RegoError).errors.map((x) => x.location?.file)).toEqual(['a.rego', 'b.rego']);
    }
  });
});

describe('Rego v1 restrictions', () => {
  it('rejects assigning to input or data', () => {
    const e = (() => {
      try {
        compile([{ path: 'c.rego', text: 'package c\np if {\n  input := 1\n}' }]);
      } catch (x) {
        return x as RegoError;
      }
      throw new Error('expected an error');
    })();
    expect(e.errors[0]).toMatchObject({ code: 'rego_compile_error', message: 'variables must not shadow input (use a different variable name)', location: { line: 3, col: 3 } });
  });
});
