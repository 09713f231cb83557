/**
 * CIDR builtins (OPA topdown/cidr.go) over Go's net package semantics, IPv4 and IPv6.
 */
import { RegoObject, RegoSet, Value, isArray, isSet, isString } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';
import { IPNet, addressCount, formatIP, lastAddress, netContains, nextAddress, parseCIDR, parseIP } from './go/net';

/** cidr_expand refuses ranges larger than this rather than exhausting memory. */
const EXPAND_LIMIT = 65536n;

function cidr(v: Value): IPNet {
  try {
    return parseCIDR(v as string);
  } catch (e) {
    throw new BuiltinError((e as Error).message);
  }
}

function contains(network: string, other: string): boolean {
  const a = cidr(network);
  const ip = parseIP(other);
  if (ip) return netContains(a, ip);
  let b: IPNet;
  try {
    b = parseCIDR(other);
  } catch {
    throw new BuiltinError(`not a valid textual representation of an IP address or CIDR: ${other}`);
  }
  return netContains(a, b.ip) && netContains(a, lastAddress(b));
}

for (const name of ['net.cidr_contains', 'net.cidr_overlap']) {
  defineBuiltin({ name, args: [T.string, T.string], deprecated: name === 'net.cidr_overlap', fn: ([a, b]) => contains(a as string, b as string) });
}

defineBuiltin({
  name: 'net.cidr_intersects',
  args: [T.string, T.string],
  fn: ([a, b]) => {
    const x = cidr(a);
    const y = cidr(b);
    return netContains(x, y.ip) || netContains(y, x.ip);
  },
});

defineBuiltin({
  name: 'net.cidr_is_valid',
  args: [T.any],
  fn: ([v]) => {
    if (!isString(v)) return false;
    try {
      parseCIDR(v);
      return true;
    } catch {
      return false;
    }
  },
});

defineBuiltin({
  name: 'net.cidr_expand',
  args: [T.string],
  fn: ([v]) => {
    const network = cidr(v);
    if (addressCount(network) > EXPAND_LIMIT) throw new BuiltinError(`${v as string} has more than ${EXPAND_LIMIT} addresses; refusing to expand`);
    const out = new RegoSet();
    for (let ip = network.ip; netContains(network, ip); ip = nextAddress(ip)) {
      out.add(formatIP(ip));
      if (ip.every((b) => b === 0xff)) break;
    }
    return out;
  },
});

defineBuiltin({
  name: 'net.cidr_contains_matches',
  args: [T.any, T.any],
  fn: ([a, b]) => {
    const result = new RegoSet();
    for (const [cidr1, index1] of matchOperand(1, a)) {
      for (const [cidr2, index2] of matchOperand(2, b)) {
        if (contains(cidr1, cidr2)) result.add([index1, index2]);
      }
    }
    return result;
  },
});

/** [cidr, index] pairs of a string, array, set or object operand (members may be [cidr, …] arrays). */
function matchOperand(position: number, v: Value): Array<[string, Value]> {
  const cidrOf = (x: Value): string => {
    const c = isArray(x) && x.length > 0 ? x[0] : x;
    if (!isString(c)) throw new BuiltinError(`operand ${position}: element must be string or non-empty array`);
    return c;
  };
  if (isString(v)) return [[v, v]];
  if (isArray(v)) return v.map((x, i) => [cidrOf(x), i]);
  if (isSet(v)) return v.values().map((x) => [cidrOf(x), x]);
  if (v instanceof RegoObject) return [...v.entries()].map(([k, x]) => [cidrOf(x), k]);
  return [];
}
