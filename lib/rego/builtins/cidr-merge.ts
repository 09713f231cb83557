/**
 * net.cidr_merge (OPA topdown/cidr.go with internal/cidr/merge): the smallest set
 * of CIDRs covering the given addresses and networks. Ranges are compared in
 * Go's 16-byte address space (IPv4 as ::ffff:a.b.c.d), so the families never merge.
 */
import { RegoSet, Value, isArray, isSet, isString } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';
import { formatIP, parseCIDR, parseIP, to4 } from './go/net';

/** An address range; `text` is the input network's own rendering while it stays unmerged. */
interface Range {
  first: bigint;
  last: bigint;
  text?: string;
}

const V4_MAPPED = 0xffffn << 32n;

function toBig(bytes: Uint8Array): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

function fromBig(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

/** Go's IP.DefaultMask: the classful prefix of an IPv4 address. */
function defaultPrefix(firstByte: number): number {
  if (firstByte < 0x80) return 8;
  if (firstByte < 0xc0) return 16;
  return 24;
}

/** OPA's generateIPNet: a bare IPv4 address takes its classful mask; IPv6 needs a prefix. */
function toRange(v: Value): Range {
  if (!isString(v)) throw new BuiltinError('element must be string');
  const ip = parseIP(v);
  let network: { ip: Uint8Array; bits: number; text: string };
  if (ip) {
    const v4 = to4(ip);
    if (!v4) throw new BuiltinError('IPv6 invalid: needs prefix length');
    // Go prints such an IPNet with its unmasked address: "10.1.2.3/8".
    const bits = defaultPrefix(v4[0]);
    network = { ip: v4, bits, text: `${formatIP(v4)}/${bits}` };
  } else {
    let parsed;
    try {
      parsed = parseCIDR(v);
    } catch (e) {
      throw new BuiltinError((e as Error).message);
    }
    const bits = [...parsed.mask].reduce((n, b) => n + bitCount(b), 0);
    network = { ip: parsed.ip, bits, text: `${formatIP(parsed.ip)}/${bits}` };
  }
  const width = network.ip.length * 8;
  const hostBits = BigInt(width - network.bits);
  const masked = (toBig(network.ip) >> hostBits) << hostBits;
  const first = network.ip.length === 4 ? V4_MAPPED | masked : masked;
  return { first, last: first | ((1n << hostBits) - 1n), text: network.text };
}

function bitCount(b: number): number {
  let n = 0;
  for (let x = b; x; x &= x - 1) n++;
  return n;
}

/** The minimal CIDRs covering exactly [first, last] (within one family). */
function rangeToCIDRs(first: bigint, last: bigint): string[] {
  const isV4 = first >> 32n === 0xffffn;
  const width = isV4 ? 32 : 128;
  const base = isV4 ? V4_MAPPED : 0n;
  const out: string[] = [];
  let lo = first - base;
  const hi = last - base;
  while (lo <= hi) {
    let size = 0;
    // Grow the block while it stays aligned at lo and inside the range.
    while (size < width && (lo & ((1n << BigInt(size + 1)) - 1n)) === 0n && lo + (1n << BigInt(size + 1)) - 1n <= hi) size++;
    out.push(`${formatIP(fromBig(lo, width / 8))}/${width - size}`);
    lo += 1n << BigInt(size);
  }
  return out;
}

defineBuiltin({
  name: 'net.cidr_merge',
  args: [T.any],
  fn: ([addrs]) => {
    if (!isArray(addrs) && !isSet(addrs)) throw new BuiltinError('operand must be an array');
    const members = isArray(addrs) ? addrs : addrs.values();
    const ranges = members.map(toRange).sort((a, b) => (a.last !== b.last ? (a.last < b.last ? -1 : 1) : a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    // From the end, fold each range into its predecessor when they touch or overlap.
    for (let i = ranges.length - 1; i > 0; i--) {
      const prev = ranges[i - 1];
      const cur = ranges[i];
      const before = cur.first === 0n || cur.first === V4_MAPPED ? cur.first : cur.first - 1n;
      if (before <= prev.last) {
        ranges[i - 1] = { first: prev.first < cur.first ? prev.first : cur.first, last: cur.last };
        ranges.splice(i, 1);
      }
    }
    const out = new RegoSet();
    for (const r of ranges) for (const c of r.text !== undefined ? [r.text] : rangeToCIDRs(r.first, r.last)) out.add(c);
    return out;
  },
});
