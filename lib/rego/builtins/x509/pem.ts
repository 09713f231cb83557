/**
 * Go's encoding/pem decoding as the crypto builtins use it: the next PEM
 * block in some text, and the text after it.
 */

/** One PEM block: its type ("CERTIFICATE") and decoded bytes. */
export interface PemBlock {
  readonly type: string;
  readonly bytes: Buffer;
}

const BLOCK = /(?:^|\n)-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)(?:^|\n)-----END \1-----[ \t\r]*(?:\n|$)/m;

/** Go's pem.Decode: the first well-formed block and the rest after it, or no block and the whole input. */
export function decodePem(text: string): { block?: PemBlock; rest: string } {
  const m = BLOCK.exec(text);
  if (!m) return { rest: text };
  // Headers ("Proc-Type: …") end at the first blank line; the body is base64.
  const body = m[2].includes(':') && /\r?\n\r?\n/.test(m[2]) ? m[2].split(/\r?\n\r?\n/).slice(1).join('\n') : m[2];
  const compact = body.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return { rest: text };
  return { block: { type: m[1], bytes: Buffer.from(compact, 'base64') }, rest: text.slice(m.index + m[0].length) };
}

/** Every block in text, in order. */
export function decodeAllPem(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  let rest = text;
  for (;;) {
    const next = decodePem(rest);
    if (!next.block) return out;
    out.push(next.block);
    rest = next.rest;
  }
}

/** Go's base64.StdEncoding.DecodeString: padded standard base64, else "illegal base64 data at input byte N". */
export function decodeBase64Std(text: string): Buffer {
  const bad = /[^A-Za-z0-9+/=\r\n]/.exec(text);
  if (bad) throw new Error(`illegal base64 data at input byte ${bad.index}`);
  const compact = text.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || /=[^=]/.test(compact)) throw new Error(`illegal base64 data at input byte ${Math.max(0, compact.length - (compact.length % 4 || 4))}`);
  return Buffer.from(compact, 'base64');
}
