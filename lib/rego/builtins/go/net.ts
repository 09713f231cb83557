/**
 * Go's net.ParseIP / net.ParseCIDR / IPNet.Contains / IP.String for IPv4 and IPv6,
 * on byte arrays (IPv4 addresses are kept in their 16-byte IPv4-mapped form, as Go does).
 */

/** An IP network: network address (4 or 16 bytes) and mask of the same family length. */
export interface IPNet {
  readonly ip: Uint8Array;
  readonly mask: Uint8Array;
}

const V4_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function parseIPv4(s: string): Uint8Array | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    // Go rejects empty parts, non-digits, values above 255 and leading zeros.
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p.startsWith('0')) || Number(p) > 255) return undefined;
    bytes.push(Number(p));
  }
  return Uint8Array.from(bytes);
}

function parseIPv6(s: string): Uint8Array | undefined {
  if (s.includes('%')) return undefined; // zones are not accepted by ParseIP/ParseCIDR
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (text: string): number[] | undefined => {
    if (text === '') return [];
    const out: number[] = [];
    const parts = text.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (!v4) return undefined;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(p)) return undefined;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/** Go's net.ParseIP: a 16-byte address, or undefined. */
export function parseIP(s: string): Uint8Array | undefined {
  const v4 = parseIPv4(s);
  if (v4) return Uint8Array.from([...V4_PREFIX, ...v4]);
  return parseIPv6(s);
}

/** Go's IP.To4: the 4-byte form of an IPv4 (or IPv4-mapped) address, else undefined. */
export function to4(ip: Uint8Array): Uint8Array | undefined {
  if (ip.length === 4) return ip;
  if (ip.length === 16 && V4_PREFIX.every((b, i) => ip[i] === b)) return ip.slice(12);
  return undefined;
}

/** Go's net.ParseCIDR; throws "invalid CIDR address: …". */
export function parseCIDR(s: string): IPNet {
  const invalid = (): Error => new Error(`invalid CIDR address: ${s}`);
  const slash = s.indexOf('/');
  if (slash < 0) throw invalid();
  const addr = s.slice(0, slash);
  const bitsText = s.slice(slash + 1);
  let ip: Uint8Array | undefined = parseIPv4(addr);
  let length = 4;
  if (!ip) {
    ip = parseIPv6(addr);
    length = 16;
  }
  if (!ip || !/^\d+$/.test(bitsText) || bitsText.length > 3 || Number(bitsText) > length * 8) throw invalid();
  const mask = cidrMask(Number(bitsText), length * 8);
  return { ip: ip.map((b, i) => b & mask[i]), mask };
}

function cidrMask(ones: number, bits: number): Uint8Array {
  const mask = new Uint8Array(bits / 8);
  for (let i = 0; i < mask.length; i++) {
    const n = Math.max(0, Math.min(8, ones - i * 8));
    mask[i] = n === 0 ? 0 : (0xff << (8 - n)) & 0xff;
  }
  return mask;
}

/** Go's IPNet.Contains. */
export function netContains(net: IPNet, address: Uint8Array): boolean {
  let netIP = to4(net.ip) ?? net.ip;
  let mask = net.mask;
  if (netIP.length === 4 && mask.length === 16) mask = mask.slice(12);
  if (netIP.length === 16 && mask.length === 4) return false;
  const ip = to4(address) ?? address;
  if (ip.length !== netIP.length) return false;
  netIP = netIP.slice(0, ip.length);
  return ip.every((b, i) => (b & mask[i]) === (netIP[i] & mask[i]));
}

/** The last address of a network (host bits all set). */
export function lastAddress(net: IPNet): Uint8Array {
  return net.ip.map((b, i) => b | (~net.mask[i] & 0xff));
}

/** Number of addresses in a network, as a bigint. */
export function addressCount(net: IPNet): bigint {
  const ones = Array.from(net.mask).reduce((n, b) => n + popcount(b), 0);
  return 1n << BigInt(net.mask.length * 8 - ones);
}

function popcount(b: number): number {
  let n = 0;
  for (let x = b; x; x &= x - 1) n++;
  return n;
}

/** The address after `ip` (wrapping like Go's incIP). */
export function nextAddress(ip: Uint8Array): Uint8Array {
  const out = Uint8Array.from(ip);
  for (let j = out.length - 1; j >= 0; j--) {
    out[j] = (out[j] + 1) & 0xff;
    if (out[j] !== 0) break;
  }
  return out;
}

/** Go's IP.String: dotted IPv4 for IPv4 (and IPv4-mapped) addresses, RFC 5952 text for IPv6. */
export function formatIP(ip: Uint8Array): string {
  const v4 = to4(ip);
  if (v4) return Array.from(v4).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip[i] << 8) | ip[i + 1]);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
