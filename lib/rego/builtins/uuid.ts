/**
 * uuid.rfc4122 and uuid.parse (OPA topdown/uuid.go, parsing as google/uuid does).
 */
import { randomBytes } from 'node:crypto';
import { normalizeBig } from '../number';
import { RegoObject, Value } from '../value';
import { T, defineBuiltin } from './registry';

defineBuiltin({
  name: 'uuid.rfc4122',
  args: [T.string],
  nondeterministic: true,
  // A random version 4 UUID, the same for the same seed string within one query.
  fn: ([seed], ctx) => {
    const key = `uuid.rfc4122\u0000${seed as string}`;
    const known = ctx.cache.get(key);
    if (typeof known === 'string') return known;
    const bytes = randomBytes(16);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    const uuid = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
    ctx.cache.set(key, uuid);
    return uuid;
  },
});

defineBuiltin({
  name: 'uuid.parse',
  args: [T.string],
  fn: ([text]) => {
    const bytes = parseUUID(text as string);
    return bytes && describeUUID(bytes);
  },
});

/** The 16 bytes of a UUID in one of google/uuid's forms (plain, no dashes, `{…}`, `urn:uuid:…`), else undefined. */
function parseUUID(s: string): Buffer | undefined {
  let hex: string;
  if (s.length === 32) {
    hex = s;
  } else {
    let body: string;
    if (s.length === 36) body = s;
    else if (s.length === 38 && s.startsWith('{') && s.endsWith('}')) body = s.slice(1, 37);
    else if (s.length === 45 && s.slice(0, 9).toLowerCase() === 'urn:uuid:') body = s.slice(9);
    else return undefined;
    if (body[8] !== '-' || body[13] !== '-' || body[18] !== '-' || body[23] !== '-') return undefined;
    hex = body.slice(0, 8) + body.slice(9, 13) + body.slice(14, 18) + body.slice(19, 23) + body.slice(24);
  }
  return /^[0-9a-fA-F]{32}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

/** 100-ns intervals between the Gregorian reform (1582-10-15) and the Unix epoch. */
const GREGORIAN_TO_UNIX = 122192928000000000n;

function variantName(b: number): string {
  if ((b & 0xc0) === 0x80) return 'RFC4122';
  if ((b & 0xe0) === 0xe0) return 'Future';
  if ((b & 0xe0) === 0xc0) return 'Microsoft';
  return 'Reserved';
}

/** OPA's fields: version and variant always; time, node and clock fields for versions 1 and 2. */
function describeUUID(u: Buffer): Value {
  const version = u[6] >> 4;
  const fields: Array<[string, Value]> = [
    ['version', version],
    ['variant', variantName(u[8])],
  ];
  if (version === 1 || version === 2) {
    const timestamp = BigInt(u.readUInt32BE(0)) | (BigInt(u.readUInt16BE(4)) << 32n) | (BigInt(u.readUInt16BE(6) & 0x0fff) << 48n);
    // Go computes the nanoseconds in an int64, which wraps for far-future times.
    const nanos = BigInt.asIntN(64, (timestamp - GREGORIAN_TO_UNIX) * 100n);
    const node = u.subarray(10, 16);
    fields.push(
      ['time', normalizeBig(nanos)],
      ['nodeid', [...node].map((b) => b.toString(16).padStart(2, '0')).join('-')],
      ['macvariables', macVariables(node[0])],
      ['clocksequence', u.readUInt16BE(8) & 0x3fff],
    );
    if (version === 2) {
      const domain = ['Person', 'Group', 'Org'][u[9]] ?? `Domain${u[9]}`;
      fields.push(['id', u.readUInt32BE(0)], ['domain', domain]);
    }
  }
  return new RegoObject(fields);
}

/** The local/global and unicast/multicast bits of a MAC address's first byte. */
function macVariables(b: number): string {
  if ((b & 0b11) === 0b11) return 'local:multicast';
  if ((b & 0b01) === 0b01) return 'global:multicast';
  if ((b & 0b10) === 0b10) return 'local:unicast';
  return 'global:unicast';
}
