// The two transports the domain checker is given: DNS lookups and the policy fetch. Types only, so the browser
// extension (DoH + fetch) and Node (UDP/DoH + node:https) can supply their own without the core knowing which.

/** The record types the checker asks for. */
export type RecordType = 'TXT' | 'MX' | 'CNAME' | 'A' | 'AAAA' | 'TLSA';

/**
 * Outcome of one lookup. `ok`: at least one record of the asked type; `nodata`: the name exists (or the CNAME
 * chain ends) without records of that type; `nxdomain`: the name (or the chain's last target) does not exist;
 * `servfail` / `refused`: the server's RCODE; `timeout`: no answer within the time cap; `error`: anything else
 * (unreachable server, malformed or oversize answer, CNAME loop), with `error` saying what.
 */
export type DnsStatus = 'ok' | 'nxdomain' | 'nodata' | 'servfail' | 'refused' | 'timeout' | 'error';

interface RecordBase {
  /** Owner name as it appears in the answer, lower-cased, no trailing dot. */
  readonly name: string;
  readonly ttl: number;
}

/** A TXT record: its character-strings one by one and their concatenation (RFC 7208 §3.3, RFC 8461 §3.1). */
export interface TxtRecord extends RecordBase {
  readonly type: 'TXT';
  /** Each character-string, decoded from bytes as UTF-8 (invalid sequences become U+FFFD). */
  readonly strings: readonly string[];
  /** The strings concatenated without separator (bytes first, then decoded, so a split character survives). */
  readonly value: string;
  /** True when some bytes were not valid UTF-8 and were replaced. */
  readonly invalidUtf8: boolean;
}

/** An MX record (RFC 1035 §3.3.9). */
export interface MxRecord extends RecordBase {
  readonly type: 'MX';
  readonly preference: number;
  /** Mail exchanger host, lower-cased, no trailing dot (`.` for a null MX, RFC 7505). */
  readonly exchange: string;
}

/** A CNAME record. */
export interface CnameRecord extends RecordBase {
  readonly type: 'CNAME';
  /** Canonical name, lower-cased, no trailing dot. */
  readonly target: string;
}

/** An A or AAAA record. */
export interface AddressRecord extends RecordBase {
  readonly type: 'A' | 'AAAA';
  readonly address: string;
}

/** A TLSA record (RFC 6698 §2.1). */
export interface TlsaRecord extends RecordBase {
  readonly type: 'TLSA';
  readonly usage: number;
  readonly selector: number;
  readonly matchingType: number;
  /** Certificate association data, lower-case hex. */
  readonly data: string;
}

/** Any record a lookup returns. */
export type DnsRecord = TxtRecord | MxRecord | CnameRecord | AddressRecord | TlsaRecord;

/** The record type a lookup of type `T` returns. */
export type RecordOf<T extends RecordType> = T extends 'TXT'
  ? TxtRecord
  : T extends 'MX'
    ? MxRecord
    : T extends 'CNAME'
      ? CnameRecord
      : T extends 'TLSA'
        ? TlsaRecord
        : AddressRecord;

/** Result of one lookup; never thrown, always returned. */
export interface DnsAnswer<T extends RecordType = RecordType> {
  /** The name asked for, lower-cased, no trailing dot. */
  readonly name: string;
  readonly type: T;
  readonly status: DnsStatus;
  /** Records of the asked type at the end of the CNAME chain (empty unless status is `ok`). */
  readonly records: readonly RecordOf<T>[];
  /** The CNAME chain followed, in order: each target name (empty when the name had no CNAME). */
  readonly cnames: readonly string[];
  /** What went wrong, for `error`, `timeout`, `servfail`, `refused`. */
  readonly error?: string;
  /** Wall time of the lookup in milliseconds. */
  readonly ms: number;
}

/** The part of an AbortSignal the transports use; a DOM or Node AbortSignal fits. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Options of one lookup or fetch. */
export interface TransportOptions {
  /** Abandon the request when this signal aborts (the result is then a `timeout`). */
  readonly signal?: AbortSignalLike;
}

/** Look up `name`/`type`. Never rejects: failures are statuses. */
export type Resolve = <T extends RecordType>(name: string, type: T, opts?: TransportOptions) => Promise<DnsAnswer<T>>;

/** Why a policy fetch gave no usable response. */
export type FetchErrorKind =
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'tls-certificate-expired'
  | 'tls-certificate-name'
  | 'tls-certificate-untrusted'
  | 'tls'
  | 'too-large'
  | 'http'
  | 'other';

/** Result of fetching a policy URL; with `too-large` the status, headers and the capped body are kept. */
export interface PolicyFetchResult {
  readonly url: string;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** The Content-Type header as sent, when present. */
  readonly contentType?: string;
  /** The Location header of a 3xx response (never followed). */
  readonly location?: string;
  /** The body decoded as UTF-8 (up to the size cap). */
  readonly body?: string;
  /** Number of body bytes received and kept. */
  readonly bytes: number;
  /** True when the body was cut at the size cap. */
  readonly truncated: boolean;
  readonly error?: { readonly kind: FetchErrorKind; readonly message: string };
  /** Wall time of the fetch in milliseconds (DNS, connect, TLS and body). */
  readonly ms: number;
}

/** Fetch a policy URL (no redirects followed, no cache, size and time capped). Never rejects. */
export type FetchPolicy = (url: string, opts?: TransportOptions) => Promise<PolicyFetchResult>;

/** The leaf certificate an MX host presented, as the SMTP probe read it (the core judges it: `mx-tls.ts`). */
export interface PeerCertificate {
  /** Subject distinguished name, `CN=mx1.example.com, O=…`. */
  readonly subject: string;
  readonly issuer: string;
  /** The subjectAltName DNS names (DNS-IDs, RFC 6125), as presented. */
  readonly names: readonly string[];
  /** Validity period, ISO 8601 UTC. */
  readonly notBefore: string;
  readonly notAfter: string;
}

/**
 * How far an SMTP probe got with one MX host. `tls`: the handshake completed (certificate below); `no-starttls`:
 * the server answered but offered or accepted no STARTTLS (or only HELO); `unreachable`: no address answered on
 * the port, or each turned this client away (greeting, or EHLO and HELO, refused); `failed`: the session broke down (bad reply, timeout, handshake failure).
 */
export type SmtpProbeOutcome = 'tls' | 'no-starttls' | 'unreachable' | 'failed';

/** The facts of one STARTTLS probe (RFC 3207) of an MX host. Never MAIL FROM, never RCPT. */
export interface SmtpProbeResult {
  readonly outcome: SmtpProbeOutcome;
  /** The address that answered, or the last one tried; null when the host has none. */
  readonly address: string | null;
  /** TLS protocol negotiated, e.g. `TLSv1.3`. */
  readonly protocol: string | null;
  readonly certificate: PeerCertificate | null;
  /**
   * Why the chain did not verify against the trusted roots (the OpenSSL code, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`,
   * `CERT_HAS_EXPIRED`), null when it did. Names are not part of it: the core matches them (RFC 8461 §4.2).
   */
  readonly chainError: string | null;
  /** What went wrong, for every outcome but `tls`. */
  readonly error: string | null;
  /** Wall time of the probe in milliseconds (lookups included). */
  readonly ms: number;
}

/** Probe the MX host `host` over SMTP + STARTTLS. Never rejects: failures are outcomes. */
export type ProbeSmtp = (host: string, opts?: TransportOptions) => Promise<SmtpProbeResult>;
