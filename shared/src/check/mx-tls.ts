// What an MX host's STARTTLS probe means for MTA-STS senders (RFC 8461 §4.2, §5): the probe (a transport) reports
// facts; this module turns them into one status per host, the same for every adapter.
import { certificateNameFor } from '../mx/certificate-name.ts';
import { normalizeHost } from '../mx/match.ts';
import { isIpv4, parseIpv6 } from '../zone/address.ts';
import type { SmtpProbeResult } from './transport.ts';

/**
 * TLS readiness of one MX host. `ok`: STARTTLS with a certificate that chains to a trusted root, is within its
 * validity and names the host; `expired` also covers not yet valid; `unreachable`: nothing answered, or every
 * address turned this client away, or the MX exchange is an IP address (not probed), so nothing is known of its TLS;
 * `skipped`: not probed (`--no-smtp`, or in a browser).
 */
export type MxTlsStatus = 'ok' | 'no-starttls' | 'untrusted' | 'name-mismatch' | 'expired' | 'handshake-failed' | 'unreachable' | 'skipped';

/** The certificate as the check result reports it. */
export interface MxCertificateReport {
  readonly subject: string;
  readonly issuer: string;
  readonly names: readonly string[];
  /** ISO 8601 UTC. */
  readonly notAfter: string;
  /** Whole days from the check to notAfter; negative once expired. */
  readonly daysLeft: number;
}

/** `mx[].tls` of a check result (the JSON contract of `sts-lens check`). */
export interface MxTls {
  readonly status: MxTlsStatus;
  readonly address: string | null;
  readonly protocol: string | null;
  readonly certificate: MxCertificateReport | null;
  /** What failed, in words; null for `ok` and `skipped`. */
  readonly error: string | null;
  readonly ms: number;
}

/** Below this many days left a valid MX certificate draws `check/mx-certificate-expiring`. */
export const MX_CERTIFICATE_EXPIRING_DAYS = 14;

/** The result for a host that was not probed. */
export const MX_TLS_SKIPPED: MxTls = { status: 'skipped', address: null, protocol: null, certificate: null, error: null, ms: 0 };

/** Whether an MX exchange is an IP address rather than a host name (`10 127.0.0.5.`): RFC 5321 §5.1 wants a name. */
export function mxHostIsAddress(host: string): boolean {
  return isIpv4(host) || parseIpv6(host) !== null;
}

/**
 * The result for an MX exchange that is an IP address: not probed, since senders look the exchange up as a name
 * (Postfix and Exim skip such MX records), so there is no host to reach; `check/mx-ip-address` says why.
 */
export function mxTlsOfAddress(host: string): MxTls {
  return {
    status: 'unreachable',
    address: null,
    protocol: null,
    certificate: null,
    error: `\`${host}\` is an IP address, not a host name: not probed, since senders find no host behind it`,
    ms: 0,
  };
}

/** Statuses that say nothing against the host: a sender could still deliver (or we do not know). */
export function mxTlsPasses(status: MxTlsStatus): boolean {
  return status === 'ok' || status === 'unreachable' || status === 'skipped';
}

const TIME_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

const CHAIN_WORDS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed certificate no trusted root vouches for',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer is not a trusted root and no intermediate leads to one',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer certificate is missing from the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server sent no intermediate certificate leading to a trusted root',
  CERT_SIGNATURE_FAILURE: 'a signature in the chain does not verify',
  CERT_REVOKED: 'the certificate is revoked',
  INVALID_CA: 'an issuer in the chain is not a CA',
};

/** Whole days from `now` to `iso` (floor), negative when `iso` is past. */
function daysUntil(iso: string, now: Date): number {
  return Math.floor((Date.parse(iso) - now.getTime()) / 86_400_000);
}

/** Why no DNS-ID of the certificate names `host`, in words (RFC 6125 §6.4: DNS-IDs only; a wildcard covers one label). */
function nameMismatch(host: string, names: readonly string[], subject: string): string {
  const cn = /(?:^|, )CN=([^,]*)/.exec(subject)?.[1]?.trim() ?? '';
  const inCn = cn !== '' && normalizeHost(cn) === normalizeHost(host);
  if (names.length === 0) {
    const why = inCn
      ? `; \`${host}\` appears only in its subject CN, which MTA-STS senders do not consult (RFC 8461 §4.2 requires a subjectAltName DNS-ID; the CN fallback of RFC 6125 §6.4.4 does not apply)`
      : '';
    return `the certificate has no DNS name in its subjectAltName${why}`;
  }
  const listed = `the certificate names ${names.map((n) => `\`${n}\``).join(', ')}, not \`${host}\``;
  const h = normalizeHost(host);
  const deep = names.find((n) => n.startsWith('*.') && n.split('.').length >= 3 && h.endsWith(normalizeHost(n.slice(1))) && h.length > n.length - 1);
  if (deep) return `${listed} (a wildcard covers exactly one label: \`${deep}\` covers \`${h.split('.').slice(-deep.split('.').length).join('.')}\`, not \`${h}\`)`;
  if (inCn) return `${listed}; \`${host}\` appears only in the subject CN, which is not consulted (RFC 6125 §6.4.4)`;
  return listed;
}

/** Judge one probe of `host` at time `now`: the status senders would meet (RFC 8461 §4.2, §5). */
export function judgeMxTls(host: string, probe: SmtpProbeResult, now: Date): MxTls {
  const c = probe.certificate;
  const certificate: MxCertificateReport | null = c
    ? { subject: c.subject, issuer: c.issuer, names: c.names, notAfter: c.notAfter, daysLeft: daysUntil(c.notAfter, now) }
    : null;
  // In the order of the JSON contract.
  const result = (status: MxTlsStatus, error: string | null): MxTls => ({ status, address: probe.address, protocol: probe.protocol, certificate, error, ms: probe.ms });
  const fail = (status: MxTlsStatus, error: string): MxTls => result(status, error);
  if (probe.outcome === 'unreachable') return fail('unreachable', probe.error ?? `\`${host}\` did not answer`);
  if (probe.outcome === 'no-starttls') return fail('no-starttls', probe.error ?? `\`${host}\` does not offer STARTTLS`);
  if (probe.outcome === 'failed' || !c) return fail('handshake-failed', probe.error ?? `the TLS handshake with \`${host}\` failed`);
  if (probe.chainError && !TIME_CODES.has(probe.chainError)) {
    const why = CHAIN_WORDS[probe.chainError] ?? 'the chain does not lead to a trusted root';
    return fail('untrusted', `${why} (${probe.chainError}; issuer ${c.issuer || 'unnamed'})`);
  }
  const notBefore = Date.parse(c.notBefore);
  const notAfter = Date.parse(c.notAfter);
  if (Number.isNaN(notAfter) || notAfter < now.getTime() || probe.chainError === 'CERT_HAS_EXPIRED') {
    return fail('expired', `the certificate expired on ${c.notAfter.slice(0, 10)}`);
  }
  if (Number.isNaN(notBefore) || notBefore > now.getTime() || probe.chainError === 'CERT_NOT_YET_VALID') {
    return fail('expired', `the certificate is not valid before ${c.notBefore.slice(0, 10)}`);
  }
  if (certificateNameFor(host, c.names) === null) return fail('name-mismatch', nameMismatch(host, c.names, c.subject));
  return result('ok', null);
}
