// @ts-check
// The test world's sample domains: one per situation the domain checker must name. Each domain's DNS is the zone
// file cli/world/zones/<domain>.zone, its policy the file under cli/world/policies/ that `serve` names, served by
// nginx at https://mta-sts.<domain>/.well-known/mta-sts.txt. Domains sit under `.test` (RFC 6761), so nothing here
// can collide with a real name, and tldts gives `<domain>` as the registrable domain of `www.<domain>`.

/** @typedef {'enforced' | 'testing' | 'none' | 'absent' | 'broken'} Verdict */
/** @typedef {'good' | 'expired' | 'wrong-name' | 'self-signed'} CertKind */

/**
 * How nginx answers for `mta-sts.<domain>`.
 * - `file`: the policy file with status 200 over HTTPS (and over HTTP); `padTo` grows it with further `mx:` lines
 *   to that many bytes at start-up; `limitRate` caps nginx's send rate in bytes per second after the first 512 bytes.
 * - `redirect`: 301 to `location`. `status`: that HTTP status, no policy. `http-only`: the policy over plain HTTP,
 *   the host at 127.0.0.2 where nothing listens on the HTTPS port. `none`: no web server for the name.
 * @typedef {{ kind: 'file', file: string, contentType?: string, cert?: CertKind, padTo?: number, limitRate?: number }
 *   | { kind: 'redirect', location: string }
 *   | { kind: 'status', status: number }
 *   | { kind: 'http-only', file: string }
 *   | { kind: 'none' }} Serve
 */

/**
 * What `fetchPolicyNode` gives for the case's policy URL in the world (the transport's view, before any checking).
 * @typedef {{ status?: number, contentType?: string, errorKind?: string }} ExpectedFetch
 */

/**
 * One sample domain.
 * @typedef {object} WorldCase
 * @property {string} domain the domain a user would check
 * @property {string} description one line: what is set up and why it matters
 * @property {Verdict} verdict the verdict the checker must give (design.md §2)
 * @property {boolean} tlsrpt whether the domain has exactly one valid TLS-RPT record
 * @property {readonly string[]} exercises what the case makes the checker notice
 * @property {string} zone zone file under cli/world/zones/
 * @property {Serve} serve
 * @property {ExpectedFetch} fetch
 * @property {string} [previousPolicy] policy file a caller saw before (same id, other content), for the stale-id check
 * @property {Readonly<Record<string, MxTlsStatus>>} [mxTls] the `mx[].tls.status` of MX hosts that do not pass (every
 *   other MX host of the case is `ok`)
 */

/** @typedef {'ok' | 'no-starttls' | 'untrusted' | 'name-mismatch' | 'expired' | 'handshake-failed' | 'unreachable' | 'skipped'} MxTlsStatus */

/** @type {readonly WorldCase[]} */
export const cases = [
  {
    domain: 'enforce.test',
    description: 'enforce policy with a wildcard and an exact mx pattern covering both MX hosts, TLS-RPT by mail',
    verdict: 'enforced',
    tlsrpt: true,
    exercises: ['wildcard mx pattern', 'exact mx pattern', 'TLS-RPT present'],
    zone: 'enforce.test.zone',
    serve: { kind: 'file', file: 'enforce.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'testing.test',
    description: 'valid policy in mode testing: senders report failures but still deliver',
    verdict: 'testing',
    tlsrpt: true,
    exercises: ['mode testing'],
    zone: 'testing.test.zone',
    serve: { kind: 'file', file: 'testing.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'none.test',
    description: 'policy in mode none (the way to withdraw MTA-STS), left in place',
    verdict: 'none',
    tlsrpt: true,
    exercises: ['mode none left in place'],
    zone: 'none.test.zone',
    serve: { kind: 'file', file: 'none.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'absent.test',
    description: 'mail domain without any _mta-sts record, policy host or TLS-RPT record',
    verdict: 'absent',
    tlsrpt: false,
    exercises: ['no _mta-sts record'],
    zone: 'absent.test.zone',
    serve: { kind: 'none' },
    fetch: { errorKind: 'dns' },
  },
  {
    domain: 'tlsrptonly.test',
    description: 'TLS-RPT record but no MTA-STS at all',
    verdict: 'absent',
    tlsrpt: true,
    exercises: ['TLS-RPT without STS'],
    zone: 'tlsrptonly.test.zone',
    serve: { kind: 'none' },
    fetch: { errorKind: 'dns' },
  },
  {
    domain: 'redirect.test',
    description: 'the policy URL answers 301 to another host; RFC 8461 §3.3 forbids following it',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['redirect not followed'],
    zone: 'redirect.test.zone',
    serve: { kind: 'redirect', location: 'https://mta-sts.enforce.test/.well-known/mta-sts.txt' },
    fetch: { status: 301 },
  },
  {
    domain: 'notfound.test',
    description: 'the policy host answers 404 for /.well-known/mta-sts.txt',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['non-200 status'],
    zone: 'notfound.test.zone',
    serve: { kind: 'status', status: 404 },
    fetch: { status: 404 },
  },
  {
    domain: 'html.test',
    description: 'a valid policy served as text/html instead of text/plain (senders such as postfix-mta-sts-resolver reject it)',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['wrong content type'],
    zone: 'html.test.zone',
    serve: { kind: 'file', file: 'html.test.txt', contentType: 'text/html' },
    fetch: { status: 200, contentType: 'text/html' },
  },
  {
    domain: 'httponly.test',
    description: 'the policy is served over plain HTTP only; nothing answers HTTPS for the policy host',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['policy over HTTP only'],
    zone: 'httponly.test.zone',
    serve: { kind: 'http-only', file: 'httponly.test.txt' },
    fetch: { errorKind: 'connect' },
  },
  {
    domain: 'wrongname.test',
    description: 'the policy host presents a certificate for mta-sts.elsewhere.test',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['certificate name mismatch'],
    zone: 'wrongname.test.zone',
    serve: { kind: 'file', file: 'wrongname.test.txt', cert: 'wrong-name' },
    fetch: { errorKind: 'tls-certificate-name' },
  },
  {
    domain: 'expired.test',
    description: 'the policy host presents a certificate that expired in 2020',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['certificate expired'],
    zone: 'expired.test.zone',
    serve: { kind: 'file', file: 'expired.test.txt', cert: 'expired' },
    fetch: { errorKind: 'tls-certificate-expired' },
  },
  {
    domain: 'untrusted.test',
    description: 'the policy host presents a self-signed certificate no CA vouches for',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['certificate untrusted'],
    zone: 'untrusted.test.zone',
    serve: { kind: 'file', file: 'untrusted.test.txt', cert: 'self-signed' },
    fetch: { errorKind: 'tls-certificate-untrusted' },
  },
  {
    domain: 'big.test',
    description: 'a 1 MiB policy body (thousands of mx lines), far past the 64 KiB cap',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['oversize body'],
    zone: 'big.test.zone',
    serve: { kind: 'file', file: 'big.test.txt', padTo: 1_048_576 },
    fetch: { status: 200, errorKind: 'too-large' },
  },
  {
    domain: 'slow.test',
    description: 'a body that trickles at 64 bytes/s (16 KiB: over four minutes), so it never finishes inside the time cap',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['slow body'],
    zone: 'slow.test.zone',
    serve: { kind: 'file', file: 'slow.test.txt', padTo: 16_384, limitRate: 64 },
    fetch: { status: 200, errorKind: 'timeout' },
  },
  {
    domain: 'uncovered.test',
    description: 'enforce policy whose patterns miss the backup MX backup.world.test: that MX gets no mail from MTA-STS senders',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['MX not covered in enforce mode'],
    zone: 'uncovered.test.zone',
    serve: { kind: 'file', file: 'uncovered.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'twolabels.test',
    description: 'enforce with `*.twolabels.test` while the MX is a.b.twolabels.test: a wildcard matches one label only',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['wildcard must not match two labels', 'MX not covered in enforce mode'],
    zone: 'twolabels.test.zone',
    serve: { kind: 'file', file: 'twolabels.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'several.test',
    description: 'two TXT records at _mta-sts beginning with v=STSv1: senders then see no policy (RFC 8461 §3.1)',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['several STS records'],
    zone: 'several.test.zone',
    serve: { kind: 'file', file: 'several.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'cut.test',
    description: 'the STS record written unquoted in the zone file, so `;` starts a comment and the record is just `v=STSv1`',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['TXT cut at `;`', 'STS record without id'],
    zone: 'cut.test.zone',
    serve: { kind: 'file', file: 'cut.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'split.test',
    description: 'the STS record published as two character-strings, which senders join without separator: valid',
    verdict: 'enforced',
    tlsrpt: true,
    exercises: ['TXT record of several strings'],
    zone: 'split.test.zone',
    serve: { kind: 'file', file: 'split.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'nortlsrpt.test',
    description: 'a good enforce policy without a TLS-RPT record: failures go unreported',
    verdict: 'enforced',
    tlsrpt: false,
    exercises: ['STS without TLS-RPT'],
    zone: 'nortlsrpt.test.zone',
    serve: { kind: 'file', file: 'nortlsrpt.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'badrua.test',
    description: 'good enforce policy; the TLS-RPT rua is a bare address without `mailto:` and an http: URI',
    verdict: 'enforced',
    tlsrpt: false,
    exercises: ['TLS-RPT with invalid rua'],
    zone: 'badrua.test.zone',
    serve: { kind: 'file', file: 'badrua.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'dane.test',
    description: 'good enforce policy and a TLSA record for the MX (DANE as well as MTA-STS)',
    verdict: 'enforced',
    tlsrpt: true,
    exercises: ['MX with TLSA record'],
    zone: 'dane.test.zone',
    serve: { kind: 'file', file: 'dane.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'cname.test',
    description: '_mta-sts.cname.test is a CNAME to a record kept at provider.test, a common hosted-MTA-STS set-up',
    verdict: 'enforced',
    tlsrpt: true,
    exercises: ['CNAME followed for _mta-sts'],
    zone: 'cname.test.zone',
    serve: { kind: 'file', file: 'cname.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'stale.test',
    description: 'the policy changed (new MX pattern) but its id did not: senders keep the old policy until max_age ends',
    verdict: 'enforced',
    tlsrpt: true,
    exercises: ['stale id (compare with previousPolicy)'],
    zone: 'stale.test.zone',
    serve: { kind: 'file', file: 'stale.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    previousPolicy: 'stale.test.previous.txt',
  },
  {
    domain: 'nohost.test',
    description: 'an _mta-sts record but no mta-sts.nohost.test host: the policy cannot be fetched',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['policy host missing'],
    zone: 'nohost.test.zone',
    serve: { kind: 'none' },
    fetch: { errorKind: 'dns' },
  },
  {
    domain: 'mxtls.test',
    description: 'three MX hosts served by Postfix, each passing STARTTLS; mx2 presents a wildcard certificate `*.mxtls.test`',
    verdict: 'enforced',
    tlsrpt: true,
    exercises: ['three MX hosts probed at once', 'wildcard MX certificate'],
    zone: 'mxtls.test.zone',
    serve: { kind: 'file', file: 'mxtls.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'mxexpired.test',
    description: 'enforce, and the only MX host presents a certificate that expired in 2020',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['MX certificate expired'],
    zone: 'mxexpired.test.zone',
    serve: { kind: 'file', file: 'mxexpired.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    mxTls: { 'mx1.mxexpired.test': 'expired' },
  },
  {
    domain: 'mxwrongname.test',
    description: 'enforce, and the MX host presents a certificate for mx.elsewhere.test',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['MX certificate for another name'],
    zone: 'mxwrongname.test.zone',
    serve: { kind: 'file', file: 'mxwrongname.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    mxTls: { 'mx1.mxwrongname.test': 'name-mismatch' },
  },
  {
    domain: 'mxselfsigned.test',
    description: 'enforce, and the MX host presents a self-signed certificate',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['MX certificate untrusted'],
    zone: 'mxselfsigned.test.zone',
    serve: { kind: 'file', file: 'mxselfsigned.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    mxTls: { 'mx1.mxselfsigned.test': 'untrusted' },
  },
  {
    domain: 'mxexpiring.test',
    description: 'enforce; the MX certificate is valid but expires in three days',
    verdict: 'enforced',
    tlsrpt: true,
    exercises: ['MX certificate expiring soon'],
    zone: 'mxexpiring.test.zone',
    serve: { kind: 'file', file: 'mxexpiring.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'mxplain.test',
    description: 'enforce, and the MX host answers SMTP without offering STARTTLS',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['MX without STARTTLS'],
    zone: 'mxplain.test.zone',
    serve: { kind: 'file', file: 'mxplain.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    mxTls: { 'mx1.mxplain.test': 'no-starttls' },
  },
  {
    domain: 'mxdown.test',
    description: 'enforce; the backup MX address has nothing listening (a warning, not a broken verdict)',
    verdict: 'enforced',
    tlsrpt: true,
    exercises: ['MX unreachable'],
    zone: 'mxdown.test.zone',
    serve: { kind: 'file', file: 'mxdown.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    mxTls: { 'mx2.mxdown.test': 'unreachable' },
  },
  {
    domain: 'mxtesting.test',
    description: 'testing policy whose MX (shared with mxexpired.test) has an expired certificate: not ready to enforce',
    verdict: 'testing',
    tlsrpt: true,
    exercises: ['MX TLS fault in testing mode'],
    zone: 'mxtesting.test.zone',
    serve: { kind: 'file', file: 'mxtesting.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    mxTls: { 'mx1.mxexpired.test': 'expired' },
  },
  {
    domain: 'mxv6.test',
    description: 'enforce; the only MX host has an AAAA record alone (::1): probed over IPv6',
    verdict: 'enforced',
    tlsrpt: true,
    exercises: ['MX host with only an AAAA record'],
    zone: 'mxv6.test.zone',
    serve: { kind: 'file', file: 'mxv6.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'mxdual.test',
    description: 'enforce; the MX host has A 127.0.0.38 (nothing listens) and AAAA ::1 (Postfix): the IPv4 address refuses, IPv6 answers',
    verdict: 'enforced',
    tlsrpt: true,
    exercises: ['first address refuses, the next (IPv6) answers'],
    zone: 'mxdual.test.zone',
    serve: { kind: 'file', file: 'mxdual.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
  {
    domain: 'mxcnonly.test',
    description: 'enforce; the MX certificate names the host only in its subject CN, no subjectAltName (RFC 6125: DNS-ID only)',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['MX certificate with the name in the CN only'],
    zone: 'mxcnonly.test.zone',
    serve: { kind: 'file', file: 'mxcnonly.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    mxTls: { 'mx1.mxcnonly.test': 'name-mismatch' },
  },
  {
    domain: 'mxdeep.test',
    description: 'enforce; the MX host a.b.mxdeep.test presents `*.mxdeep.test`: a wildcard covers one label only',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['wildcard certificate two labels short'],
    zone: 'mxdeep.test.zone',
    serve: { kind: 'file', file: 'mxdeep.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    mxTls: { 'a.b.mxdeep.test': 'name-mismatch' },
  },
  {
    domain: 'mxfuture.test',
    description: 'enforce; the MX certificate is not valid yet (its notBefore is a month ahead)',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['MX certificate not yet valid'],
    zone: 'mxfuture.test.zone',
    serve: { kind: 'file', file: 'mxfuture.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    mxTls: { 'mx1.mxfuture.test': 'expired' },
  },
  {
    domain: 'mxchain.test',
    description: 'enforce; the MX host sends its leaf without the intermediate certificate (chain incomplete)',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['MX chain without its intermediate'],
    zone: 'mxchain.test.zone',
    serve: { kind: 'file', file: 'mxchain.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    mxTls: { 'mx1.mxchain.test': 'untrusted' },
  },
  {
    domain: 'mxip.test',
    description: 'enforce; one MX record names an IP address (`20 127.0.0.5.`): not probed, its own error',
    verdict: 'broken',
    tlsrpt: true,
    exercises: ['MX exchange that is an IP address'],
    zone: 'mxip.test.zone',
    serve: { kind: 'file', file: 'mxip.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
    mxTls: { '127.0.0.5': 'unreachable' },
  },
  {
    domain: 'mxcname.test',
    description: 'enforce; the MX host is a CNAME to smtp.mxcname.test, and the certificate names the MX host (SNI and name check use the MX name)',
    verdict: 'enforced',
    tlsrpt: true,
    exercises: ['MX host that is a CNAME'],
    zone: 'mxcname.test.zone',
    serve: { kind: 'file', file: 'mxcname.test.txt' },
    fetch: { status: 200, contentType: 'text/plain' },
  },
];

/**
 * How a Postfix listener of the world answers STARTTLS: `good` (a certificate from the test CA naming its hosts),
 * `wildcard` (`*.<parent>` of its host), `expired`, `wrong-name` (for mx.elsewhere.test), `self-signed`, `expiring`
 * (valid three more days), `cn-only` (the host in the subject CN, no subjectAltName), `wildcard-deep` (`*.` two labels
 * above its host), `not-yet-valid` (notBefore a month ahead), `no-intermediate` (issued by an intermediate CA the
 * server does not send), `plain` (no STARTTLS), `closed` (nothing listens at the address).
 * @typedef {'good' | 'wildcard' | 'expired' | 'wrong-name' | 'self-signed' | 'expiring' | 'cn-only' | 'wildcard-deep' | 'not-yet-valid' | 'no-intermediate' | 'plain' | 'closed'} MxKind
 */

/**
 * One MX address of the world: Postfix listens there on the world's SMTP port (unless `closed`).
 * @typedef {object} MxServer
 * @property {string} address a loopback address (the zones' A records of its hosts)
 * @property {MxKind} kind
 * @property {readonly string[]} hosts the MX host names at that address
 */

/** Every MX address of the world. 127.0.0.1 carries the MX hosts of the cases that are not about MX TLS. */
export const mxServers = /** @type {readonly MxServer[]} */ ([
  {
    address: '127.0.0.1',
    kind: 'good',
    hosts: [
      ...cases.filter((c) => !c.domain.startsWith('mx')).map((c) => `mx1.${c.domain}`),
      'mx2.stale.test', 'a.b.twolabels.test', 'mx.world.test', 'backup.world.test', 'mx1.mxtls.test', 'mx1.mxdown.test', 'mx1.mxip.test', 'mx1.mxcname.test',
    ],
  },
  { address: '127.0.0.31', kind: 'wildcard', hosts: ['mx2.mxtls.test'] },
  { address: '127.0.0.32', kind: 'good', hosts: ['mx3.mxtls.test'] },
  { address: '127.0.0.33', kind: 'expired', hosts: ['mx1.mxexpired.test'] },
  { address: '127.0.0.34', kind: 'wrong-name', hosts: ['mx1.mxwrongname.test'] },
  { address: '127.0.0.35', kind: 'self-signed', hosts: ['mx1.mxselfsigned.test'] },
  { address: '127.0.0.36', kind: 'expiring', hosts: ['mx1.mxexpiring.test'] },
  { address: '127.0.0.37', kind: 'plain', hosts: ['mx1.mxplain.test'] },
  { address: '127.0.0.38', kind: 'closed', hosts: ['mx2.mxdown.test'] },
  { address: '127.0.0.39', kind: 'cn-only', hosts: ['mx1.mxcnonly.test'] },
  { address: '127.0.0.40', kind: 'wildcard-deep', hosts: ['a.b.mxdeep.test'] },
  { address: '127.0.0.41', kind: 'not-yet-valid', hosts: ['mx1.mxfuture.test'] },
  { address: '127.0.0.42', kind: 'no-intermediate', hosts: ['mx1.mxchain.test'] },
  // IPv6: Postfix listens on [::1] too; mx1.mxdual.test has A 127.0.0.38 (closed) and AAAA ::1.
  { address: '::1', kind: 'good', hosts: ['mx1.mxv6.test', 'mx1.mxdual.test'] },
]);

/** Zones the world serves besides the cases': its own root (so nothing leaves loopback) and world.test hosts. */
export const infrastructureZones = [
  { name: '.', zone: 'root.zone' },
  { name: 'world.test', zone: 'world.test.zone' },
  { name: 'provider.test', zone: 'provider.test.zone' },
];

/** The case for `domain`, or undefined. */
export function caseFor(/** @type {string} */ domain) {
  return cases.find((c) => c.domain === domain);
}
