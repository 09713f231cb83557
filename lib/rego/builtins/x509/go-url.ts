/**
 * Go's url.URL as encoding/json writes it, for the URIs of certificates
 * (url.Parse of an absolute URI: scheme, authority or opaque part, path,
 * query, fragment).
 */

/** The JSON object Go writes for url.Parse(text). */
export function goURL(text: string): Record<string, unknown> {
  let rest = text;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let rawQuery = '';
  let forceQuery = false;
  const q = rest.indexOf('?');
  if (q >= 0) {
    rawQuery = rest.slice(q + 1);
    forceQuery = rawQuery === '';
    rest = rest.slice(0, q);
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  let opaque = '';
  let host = '';
  let user: Record<string, never> | null = null;
  let path = rest;
  if (scheme) {
    path = rest.slice(scheme[0].length);
    if (!path.startsWith('/')) {
      opaque = path;
      path = '';
    }
  }
  if (!opaque && path.startsWith('//')) {
    const end = path.indexOf('/', 2);
    let authority = end < 0 ? path.slice(2) : path.slice(2, end);
    path = end < 0 ? '' : path.slice(end);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      // Go's *Userinfo has no exported fields: it marshals to {}.
      user = {};
      authority = authority.slice(at + 1);
    }
    host = authority;
  }
  const decoded = safeDecode(path);
  return {
    Scheme: scheme ? scheme[1].toLowerCase() : '',
    Opaque: opaque,
    User: user,
    Host: host,
    Path: decoded,
    RawPath: decoded !== path && encodeURI(decoded) !== path ? path : '',
    OmitHost: false,
    ForceQuery: forceQuery,
    RawQuery: rawQuery,
    Fragment: safeDecode(fragment),
    RawFragment: '',
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
