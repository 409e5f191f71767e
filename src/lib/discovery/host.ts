import { domainToASCII } from 'node:url';

const ipv4 = /^[0-9.]+$/;

/**
 * The host name of a URL, a CONNECT target (`host:443`), a DNS name or a bare host, normalised for matching:
 * lowercase, punycode (IDN → xn--), no port, no trailing dot. IP literals (v4 or v6) and empty input give null:
 * an address never matches a domain.
 */
export function normaliseHost(raw: string): string | null {
  let s = raw.trim();
  const scheme = s.indexOf('://');
  if (scheme >= 0) s = s.slice(scheme + 3);
  else if (s.startsWith('//')) s = s.slice(2);
  const pathAt = s.search(/[/?#\\]/);
  if (pathAt >= 0) s = s.slice(0, pathAt);
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  if (s.startsWith('[')) return null; // [IPv6] literal
  const colon = s.indexOf(':');
  if (colon >= 0) {
    if (s.indexOf(':', colon + 1) >= 0) return null; // bare IPv6
    s = s.slice(0, colon);
  }
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s === '') return null;
  // eslint-disable-next-line no-control-regex
  s = /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : domainToASCII(s);
  if (s === '' || ipv4.test(s)) return null;
  return s;
}

/** A catalogue domain in canonical form, or null when it is not a usable domain name. */
export function canonicalDomain(raw: string): string | null {
  const host = normaliseHost(raw);
  if (host === null || !host.includes('.') || !/^[a-z0-9.-]+$/.test(host)) return null;
  if (host.split('.').some((label) => label === '' || label.length > 63 || label.startsWith('-') || label.endsWith('-'))) return null;
  if (!/[a-z]/.test(host.slice(host.lastIndexOf('.') + 1))) return null; // the last label is never numeric
  return host;
}
