/**
 * rand.intn (OPA topdown/numbers.go): a random integer in [0, |n|), the same one
 * for the same (str, n) within one query.
 */
import { randomInt } from 'node:crypto';
import { T, defineBuiltin } from './registry';
import { intOperand } from './operand-helpers';

defineBuiltin({
  name: 'rand.intn',
  args: [T.string, T.number],
  nondeterministic: true,
  fn: ([seed, bound], ctx) => {
    const n = Math.abs(intOperand(bound, 2));
    if (n === 0) return 0;
    const key = `rand.intn\u0000${seed as string}\u0000${n}`;
    const known = ctx.cache.get(key);
    if (typeof known === 'number') return known;
    // randomInt takes bounds below 2^48; larger n draws from the float range instead.
    const value = n <= 2 ** 48 ? randomInt(n) : Math.floor(Math.random() * n);
    ctx.cache.set(key, value);
    return value;
  },
});
