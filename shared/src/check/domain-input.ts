import { registrableDomain } from '../public-suffix.ts';

/** How the checked domain was derived from what the user typed. */
export type DomainSource = 'domain' | 'url' | 'email';

export type DomainInput =
  | { readonly ok: true; readonly input: string; readonly domain: string; readonly via: DomainSource }
  | { readonly ok: false; readonly input: string; readonly error: string };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The mail domain to check from what a person typed: a domain (`Example.COM.`), an IDN (`bücher.example`),
 * a URL (`https://www.example.com/x` → its registrable domain `example.com`) or an e-mail address
 * (`tls@example.com` → `example.com`). Returns the A-label form, lower case, without trailing dot.
 */
export function domainFromInput(raw: string): DomainInput {
  const input = raw.trim();
  if (input === '') return { ok: false, input: raw, error: 'no domain given' };
  let host: string;
  let via: DomainSource = 'domain';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    via = 'url';
    try {
      host = new URL(input).hostname;
    } catch {
      return { ok: false, input: raw, error: `\`${input}\` is not a valid URL` };
    }
  } else if (input.includes('@')) {
    via = 'email';
    host = input.slice(input.lastIndexOf('@') + 1);
  } else {
    host = input.replace(/\/.*$/, '');
  }
  host = host.replace(/\.$/, '');
  if (host.startsWith('[') || IPV4.test(host) || host.includes(':')) {
    return { ok: false, input: raw, error: `\`${host}\` is an IP address; MTA-STS policies belong to mail domains: give a domain name` };
  }
  let ascii: string;
  try {
    ascii = new URL(`http://${host}/`).hostname.replace(/\.$/, '');
  } catch {
    return { ok: false, input: raw, error: `\`${host}\` is not a valid domain name` };
  }
  // The URL parser writes `0x7f.1` as `127.0.0.1`: an address all the same.
  if (IPV4.test(ascii)) {
    return { ok: false, input: raw, error: `\`${ascii}\` is an IP address; MTA-STS policies belong to mail domains: give a domain name` };
  }
  const problem = domainNameProblem(ascii);
  if (problem) return { ok: false, input: raw, error: `\`${ascii}\` ${problem}` };
  // A URL names a site: its mail domain is the registrable domain (a valid name's is valid too).
  if (via === 'url') ascii = registrableDomain(ascii) ?? ascii;
  return { ok: true, input: raw, domain: ascii, via };
}

/** Why `name` (A-label form) cannot be a mail domain, or null. */
function domainNameProblem(name: string): string | null {
  if (name.length > 253) return 'is longer than 253 characters';
  const labels = name.split('.');
  if (labels.length < 2) return 'is a single label; give a full domain such as `example.com`';
  for (const l of labels) {
    if (l.length === 0) return 'has an empty label';
    if (l.length > 63) return `has a label longer than 63 characters (\`${l.slice(0, 20)}…\`)`;
    if (!/^[a-z0-9_]([a-z0-9-_]*[a-z0-9_])?$/.test(l)) return `has a label with characters not allowed in host names (\`${l}\`)`;
  }
  return null;
}
