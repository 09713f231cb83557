/**
 * http.send and net.lookup_ip_addr (OPA topdown/http.go, net.go). This engine
 * evaluates synchronously and never opens a connection: both builtins answer
 * as OPA does on a machine with no network (the name does not resolve; an IP
 * address cannot be reached). Policies test them by mocking with
 * `with http.send as ...`.
 */
import { RegoObject, RegoSet, Value, format, isString } from '../value';
import { BuiltinError, BuiltinHaltError, BuiltinTypeError, T, defineBuiltin } from './registry';
import { formatIP, parseIP } from './go/net';

/** Request keys OPA accepts (allowedKeyNames in http.go). */
const ALLOWED_KEYS = new Set([
  'body', 'cache', 'cache_ignored_headers', 'caching_mode', 'enable_redirect', 'force_cache', 'force_cache_duration_seconds',
  'force_json_decode', 'force_yaml_decode', 'headers', 'max_retry_attempts', 'method', 'raise_error', 'raw_body', 'timeout',
  'tls_ca_cert', 'tls_ca_cert_env_variable', 'tls_ca_cert_file', 'tls_client_cert', 'tls_client_cert_env_variable',
  'tls_client_cert_file', 'tls_client_key', 'tls_client_key_env_variable', 'tls_client_key_file', 'tls_insecure_skip_verify',
  'tls_server_name', 'tls_use_system_certs', 'url',
]);

/** A failure of the request itself (Go's *url.Error): OPA's eval_http_send_network_error. */
class NetworkError extends Error {}

/** Go's DNS error for a name no resolver answered. */
function lookupFailure(host: string): string {
  return `lookup ${host}: no such host`;
}

/** Rego's set text, as OPA prints an ast.Set in messages: {"a", "b"}. */
function setText(keys: Value[]): string {
  return format(new RegoSet(keys));
}

/** OPA's validateHTTPRequestOperand: unknown keys, then missing method/url. */
function validateRequest(req: RegoObject): void {
  const invalid = req.keys().filter((k) => !isString(k) || !ALLOWED_KEYS.has(k));
  if (invalid.length > 0) throw new BuiltinTypeError(`operand 1 invalid request parameters(s): ${setText(invalid)}`);
  const missing = ['method', 'url'].filter((k) => !req.has(k));
  if (missing.length > 0) throw new BuiltinTypeError(`operand 1 missing required request parameters(s): ${setText(missing)}`);
}

/** What Go's http.Client reports for a request on a machine with no network. */
function sendFailure(req: RegoObject): NetworkError {
  const method = req.get('method') ?? null;
  const url = req.get('url') ?? null;
  if (!isString(method)) return new NetworkError('"method" must be a string');
  if (!isString(url)) return new NetworkError('"url" must be a string');
  const upper = method.toUpperCase();
  // Go's url.Error names the operation "Get", "Post", … and quotes the URL.
  const op = upper.slice(0, 1) + upper.slice(1).toLowerCase();
  const prefix = `${op} ${JSON.stringify(url)}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return new NetworkError(`${prefix}: unsupported protocol scheme ""`);
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https') return new NetworkError(`${prefix}: unsupported protocol scheme ${JSON.stringify(scheme)}`);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port || (scheme === 'https' ? '443' : '80');
  const ip = parseIP(host);
  if (ip) {
    const address = host.includes(':') ? `[${formatIP(ip)}]:${port}` : `${formatIP(ip)}:${port}`;
    return new NetworkError(`${prefix}: dial tcp ${address}: connect: network is unreachable`);
  }
  return new NetworkError(`${prefix}: dial tcp: ${lookupFailure(host)}`);
}

/** OPA's result for raise_error: false: status_code 0 and the error's code and message. */
function errorResult(code: string, message: string): RegoObject {
  return new RegoObject([
    ['status_code', 0],
    ['error', new RegoObject([['code', code], ['message', message]])],
  ]);
}

defineBuiltin({
  name: 'http.send',
  args: [T.object],
  nondeterministic: true,
  fn: ([request]) => {
    const req = request as RegoObject;
    const raise = req.get('raise_error');
    // OPA raises this one as a builtin error, strict or not.
    if (raise !== undefined && typeof raise !== 'boolean') throw new BuiltinHaltError('invalid value for raise_error field');
    const raiseError = raise !== false;
    try {
      validateRequest(req);
    } catch (e) {
      if (raiseError) throw e;
      return errorResult('eval_http_send_internal_error', `eval_type_error: http.send: ${(e as Error).message}`);
    }
    const failure = sendFailure(req);
    if (!raiseError) return errorResult('eval_http_send_network_error', failure.message);
    // OPA raises http.send's errors whether or not strict builtin errors are on.
    throw new BuiltinHaltError(failure.message);
  },
});

defineBuiltin({
  name: 'net.lookup_ip_addr',
  args: [T.string],
  nondeterministic: true,
  fn: ([name]) => {
    // Like Go's resolver, an address literal is its own answer without a lookup.
    const ip = parseIP(name as string);
    if (ip) return new RegoSet([formatIP(ip)]);
    throw new BuiltinError(lookupFailure(name as string));
  },
});
