/**
 * io.jwt.decode_verify (OPA topdown/tokens.go): checks the signature against
 * the constraints' secret or keys, then iss, aud, exp and nbf, and answers
 * [valid, header, payload] ([false, {}, {}] when anything does not hold).
 * Malformed tokens and constraints raise builtin errors instead.
 */
import { compareNumbers } from '../number';
import { RegoObject, Value, isArray, isNumber, isString } from '../value';
import { BuiltinError, T, defineBuiltin } from './registry';
import { verifyJWS } from './jose/algorithms';
import { VerificationKey, verificationKeys } from './jose/keys';
import { EncodedJWT, decodeHeader, decodePayloadText, decodeSignature, jsonObject, parseTokenHeader, signingInput, splitJWT } from './jose/jwt';

/** What the token must satisfy. */
interface Constraints {
  secret: string;
  keys?: VerificationKey[];
  alg: string;
  iss: string;
  aud: string;
  /** Evaluation time in ns since the epoch. */
  timeNs: number;
}

const UNVERIFIED: Value = [false, new RegoObject(), new RegoObject()];

defineBuiltin({
  name: 'io.jwt.decode_verify',
  // Depends on the evaluation time (exp, nbf).
  nondeterministic: true,
  args: [T.string, T.object],
  fn: ([token, constraintsObject], ctx) => {
    const constraints = parseConstraints(constraintsObject as RegoObject, Number(ctx.nowNs));
    const verified = verifiedParts(token as string, constraints);
    if (!verified) return UNVERIFIED;
    const [header, payload] = verified;
    return claimsHold(payload, constraints) ? [true, header, payload] : UNVERIFIED;
  },
});

function parseConstraints(object: RegoObject, nowNs: number): Constraints {
  const c: Constraints = { secret: '', alg: '', iss: '', aud: '', timeNs: -1 };
  for (const [name, value] of object.sortedEntries()) {
    if (name === 'cert') {
      if (!isString(value)) throw new BuiltinError('cert constraint: must be a string');
      c.keys = verificationKeys(value);
    } else if (name === 'secret' || name === 'alg' || name === 'iss' || name === 'aud') {
      if (!isString(value)) throw new BuiltinError(`${name} constraint: must be a string`);
      c[name] = value;
    } else if (name === 'time') {
      c.timeNs = timeConstraint(value);
    } else {
      throw new BuiltinError(`unknown token validation constraint: ${isString(name) ? name : JSON.stringify(name)}`);
    }
  }
  if (c.timeNs === -1) c.timeNs = nowNs;
  const keyConstraints = (c.keys ? 1 : 0) + (c.secret !== '' ? 1 : 0);
  if (keyConstraints > 1) throw new BuiltinError('duplicate key constraints');
  if (keyConstraints < 1) throw new BuiltinError('no key constraint');
  return c;
}

function timeConstraint(value: Value): number {
  if (!isNumber(value)) throw new BuiltinError('token time constraint: must be a number');
  const t = Number(value);
  if (t < 0) throw new BuiltinError('token time constraint: must not be negative');
  return t;
}

/** Header and payload of a token whose signature holds (descending into `cty: JWT` nesting), else undefined. */
function verifiedParts(token: string, c: Constraints): [RegoObject, RegoObject] | undefined {
  let jwt: EncodedJWT = splitJWT(token);
  for (;;) {
    const header = decodeHeader(jwt);
    const fields = parseTokenHeader(header);
    if (!fields.valid) return undefined;
    if (c.alg !== '' && c.alg !== fields.alg) return undefined;
    const signature = decodeSignature(jwt);
    if (!signatureHolds(c, fields.alg, fields.kid, signingInput(jwt), signature)) return undefined;
    const payloadText = decodePayloadText(jwt);
    if (fields.cty.toLowerCase() !== 'jwt') return [header, jsonObject(payloadText)];
    jwt = splitJWT(payloadText);
  }
}

/** The secret, or the keys: the one named by kid alone, else any whose alg (if any) is the header's. */
function signatureHolds(c: Constraints, alg: string, kid: string, input: Buffer, signature: Buffer): boolean {
  if (!c.keys) return verifyJWS(alg, Buffer.from(c.secret), input, signature);
  const byKid = kid === '' ? undefined : c.keys.find((k) => k.kid === kid);
  if (byKid) return verifyJWS(alg, byKid.key, input, signature);
  return c.keys.some((k) => (k.alg === undefined || k.alg === alg) && verifyJWS(alg, k.key, input, signature));
}

/** iss must match when constrained; aud must match when either side has one; exp and nbf bracket the time. */
function claimsHold(payload: RegoObject, c: Constraints): boolean {
  if (c.iss !== '' && payload.get('iss') !== c.iss) return false;
  const aud = payload.get('aud');
  if (aud !== undefined ? !audienceMatches(aud, c.aud) : c.aud !== '') return false;
  const nowSeconds = c.timeNs / 1e9;
  const exp = payload.get('exp');
  if (exp !== undefined) {
    if (!isNumber(exp)) throw new BuiltinError('exp value must be a number');
    if (compareNumbers(nowSeconds, exp) !== -1) return false;
  }
  const nbf = payload.get('nbf');
  if (nbf !== undefined) {
    if (!isNumber(nbf)) throw new BuiltinError('nbf value must be a number');
    if (compareNumbers(nowSeconds, nbf) === -1) return false;
  }
  return true;
}

function audienceMatches(aud: Value, wanted: string): boolean {
  if (isString(aud)) return aud === wanted;
  return isArray(aud) && aud.some((a) => a === wanted);
}
