/** The engine's API for caller-supplied builtins, capabilities (allowed builtins) and print locations. */
import { compile, RegoError, type CustomBuiltin } from '../../lib/rego';

const policyModule = (text: string) => [{ path: 'policy/p.rego', text: `package p\n\nimport rego.v1\n\n${text}\n` }];

const double: CustomBuiltin = {
  name: 'double',
  args: ['number'],
  fn: ([n]) => (n as number) * 2,
};

const where: CustomBuiltin = {
  name: 'where',
  args: [{ arrayOf: 'string' }],
  fn: ([names], location) => `${(names as string[]).join(',')}@${location?.file}:${location?.line}`,
};

const failing: CustomBuiltin = { name: 'failing', args: ['any'], fn: () => { throw new Error('cannot do that'); } };

describe('custom builtins', () => {
  it('are called with JSON operands and the call location, and their JSON result becomes a value', () => {
    const policy = compile(policyModule('x := double(21)\n\ny := where(["a", "b"])'), { builtins: [double, where] });
    expect(policy.evaluate('data.p.x')).toBe(42);
    expect(policy.evaluate('data.p.y')).toBe('a,b@policy/p.rego:7');
    expect(policy.query('z := double(2)')).toEqual([{ z: 4 }]);
  });

  it('check operand types: a wrong type makes the call undefined, or an error when strict', () => {
    expect(compile(policyModule('x := where(["a", 1])'), { builtins: [where] }).evaluate('data.p.x')).toBeUndefined();
    const strict = compile(policyModule('x := double("2")'), { builtins: [double], strictBuiltinErrors: true });
    expect(() => strict.evaluate('data.p.x')).toThrow(/double: operand 1 must be number but got string/);
  });

  it('turn a thrown error into a builtin error: undefined, or raised when strict', () => {
    expect(compile(policyModule('x := failing(1)'), { builtins: [failing] }).evaluate('data.p.x')).toBeUndefined();
    const strict = compile(policyModule('x := failing(1)'), { builtins: [failing], strictBuiltinErrors: true });
    expect(() => strict.evaluate('data.p.x')).toThrow(/eval_builtin_error: failing: cannot do that/);
  });

  it('exist only in the compilation that was given them, and may not replace an engine builtin', () => {
    expect(() => compile(policyModule('x := double(1)'))).toThrow(/undefined function double/);
    expect(() => compile(policyModule('x := 1'), { builtins: [{ ...double, name: 'count' }] })).toThrow(/builtin count is already defined by the engine/);
  });
});

describe('allowed builtins (capabilities)', () => {
  it('makes a call of any other builtin an undefined function, custom ones included', () => {
    expect(compile(policyModule('x := upper("a")'), { allowedBuiltins: ['upper'] }).evaluate('data.p.x')).toBe('A');
    expect(() => compile(policyModule('x := upper("a")'), { allowedBuiltins: ['lower'] })).toThrow(RegoError);
    expect(() => compile(policyModule('x := upper("a")'), { allowedBuiltins: ['lower'] })).toThrow(/undefined function upper/);
    expect(() => compile(policyModule('x := double(1)'), { builtins: [double], allowedBuiltins: ['upper'] })).toThrow(/undefined function double/);
  });
});

describe('printedAt', () => {
  it('gives each print line with the place of its call', () => {
    const policy = compile(policyModule('x if {\n\tprint("first", 1)\n\tprint("second")\n}'));
    policy.evaluate('data.p.x');
    expect(policy.printedAt()).toEqual([
      { text: 'first 1', location: { file: 'policy/p.rego', line: 6, col: 2 } },
      { text: 'second', location: { file: 'policy/p.rego', line: 7, col: 2 } },
    ]);
    expect(policy.printed()).toEqual(['first 1', 'second']);
  });
});
