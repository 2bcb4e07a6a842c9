// @ts-check
// A world to scan (issue 18): thousands of generated domains whose verdicts are known by construction, all served by
// the world's real parts: their records in the world's root zone (unbound), their policies from nginx (one
// certificate per 20 mta-sts names, the policy chosen by the host name), and a handful of MX hosts shared by every
// domain on Postfix listeners of their own. A seed picks each domain's name and kind, so an independent world is one
// other seed away.

import { prng } from './prng.mjs';

/** @typedef {import('./cases.mjs').MxServer} MxServer */
/** @typedef {import('./cases.mjs').Verdict} Verdict */
/** @typedef {import('./cases.mjs').MxTlsStatus} MxTlsStatus */

/** The MX hosts every generated domain shares, each on a Postfix listener of its own address. */
export const scanMxServers = /** @type {readonly MxServer[]} */ ([
  { address: '127.0.0.61', kind: 'good', hosts: ['mx1.hoster.test', 'mx2.hoster.test', 'mx3.hoster.test', 'mx.other.test'] },
  { address: '127.0.0.62', kind: 'good', hosts: ['mx4.hoster.test', 'mx5.hoster.test'] },
  { address: '127.0.0.63', kind: 'expired', hosts: ['mx.stale-host.test'] },
  { address: '127.0.0.64', kind: 'plain', hosts: ['mx.plain-host.test'] },
  { address: '127.0.0.65', kind: 'wrong-name', hosts: ['mx.wrong-host.test'] },
]);

/** Each shared MX host's `mx[].tls.status` as the checker must judge it. */
export const scanMxTls = /** @type {Readonly<Record<string, MxTlsStatus>>} */ ({
  'mx1.hoster.test': 'ok',
  'mx2.hoster.test': 'ok',
  'mx3.hoster.test': 'ok',
  'mx4.hoster.test': 'ok',
  'mx5.hoster.test': 'ok',
  'mx.other.test': 'ok',
  'mx.stale-host.test': 'expired',
  'mx.plain-host.test': 'no-starttls',
  'mx.wrong-host.test': 'name-mismatch',
});

/** The policies nginx serves, by name; `mx.other.test` is in none of them. */
export const scanPolicies = {
  enforce: 'version: STSv1\nmode: enforce\nmx: *.hoster.test\nmx: mx.stale-host.test\nmx: mx.plain-host.test\nmx: mx.wrong-host.test\nmax_age: 604800\n',
  testing: 'version: STSv1\nmode: testing\nmx: *.hoster.test\nmx: mx.stale-host.test\nmx: mx.plain-host.test\nmx: mx.wrong-host.test\nmax_age: 604800\n',
  none: 'version: STSv1\nmode: none\nmax_age: 86400\n',
};

/**
 * How a generated domain is set up, and the verdict that follows. `policy`: the file nginx serves (null: 404);
 * `sts`: the `_mta-sts` TXT value (null: no record); `mx`: two shared MX hosts.
 * @typedef {object} ScanKind
 * @property {string} name
 * @property {number} weight how often it occurs, in parts of the sum
 * @property {Verdict} verdict
 * @property {string | null} sts
 * @property {keyof typeof scanPolicies | null} policy
 * @property {readonly string[] | null} mx the MX hosts (null: two of mx1..mx5.hoster.test, by the domain's number)
 * @property {boolean} tlsrpt
 */

/** @type {readonly ScanKind[]} */
export const scanKinds = [
  { name: 'enforced', weight: 40, verdict: 'enforced', sts: 'v=STSv1; id=20260301000000', policy: 'enforce', mx: null, tlsrpt: true },
  { name: 'testing', weight: 12, verdict: 'testing', sts: 'v=STSv1; id=20260301000000', policy: 'testing', mx: null, tlsrpt: true },
  { name: 'testing-plain-mx', weight: 3, verdict: 'testing', sts: 'v=STSv1; id=20260301000000', policy: 'testing', mx: ['mx.plain-host.test', 'mx1.hoster.test'], tlsrpt: false },
  { name: 'none', weight: 4, verdict: 'none', sts: 'v=STSv1; id=20260301000000', policy: 'none', mx: null, tlsrpt: true },
  { name: 'absent', weight: 25, verdict: 'absent', sts: null, policy: null, mx: null, tlsrpt: false },
  { name: 'uncovered', weight: 4, verdict: 'broken', sts: 'v=STSv1; id=20260301000000', policy: 'enforce', mx: ['mx1.hoster.test', 'mx.other.test'], tlsrpt: true },
  { name: 'expired-mx', weight: 3, verdict: 'broken', sts: 'v=STSv1; id=20260301000000', policy: 'enforce', mx: ['mx.stale-host.test', 'mx2.hoster.test'], tlsrpt: true },
  { name: 'wrong-name-mx', weight: 3, verdict: 'broken', sts: 'v=STSv1; id=20260301000000', policy: 'enforce', mx: ['mx.wrong-host.test', 'mx3.hoster.test'], tlsrpt: true },
  { name: 'plain-mx', weight: 2, verdict: 'broken', sts: 'v=STSv1; id=20260301000000', policy: 'enforce', mx: ['mx.plain-host.test', 'mx4.hoster.test'], tlsrpt: true },
  { name: 'no-policy', weight: 2, verdict: 'broken', sts: 'v=STSv1; id=20260301000000', policy: null, mx: null, tlsrpt: true },
  { name: 'record-without-id', weight: 2, verdict: 'broken', sts: 'v=STSv1;', policy: 'enforce', mx: null, tlsrpt: false },
];

/**
 * One generated domain and what the checker must say of it.
 * @typedef {object} ScanDomain
 * @property {string} domain
 * @property {string} kind a `ScanKind` name
 * @property {Verdict} verdict
 * @property {readonly string[]} mx its MX hosts, in preference order
 * @property {string | null} policy the policy file nginx serves for it
 * @property {boolean} tlsrpt
 */

/**
 * The `count` domains of the world with seed `seed`: names `<word><n>-<seed>.test`, kinds drawn by weight.
 * @param {{ count: number, seed?: number }} spec
 * @returns {ScanDomain[]}
 */
export function scanDomains(spec) {
  const seed = spec.seed ?? 1;
  const random = prng(seed);
  const total = scanKinds.reduce((s, k) => s + k.weight, 0);
  const words = ['shop', 'mail', 'corp', 'news', 'bank', 'club', 'blog', 'host', 'team', 'labs'];
  /** @type {ScanDomain[]} */
  const out = [];
  for (let i = 0; i < spec.count; i++) {
    let pick = random() * total;
    const kind = /** @type {ScanKind} */ (scanKinds.find((k) => (pick -= k.weight) < 0) ?? scanKinds[0]);
    const word = words[Math.floor(random() * words.length)];
    const domain = `${word}${i}-${seed}.test`;
    const first = 1 + (i % 5);
    const mx = kind.mx ?? [`mx${first}.hoster.test`, `mx${1 + (first % 5)}.hoster.test`];
    out.push({ domain, kind: kind.name, verdict: kind.verdict, mx, policy: kind.policy, tlsrpt: kind.tlsrpt });
  }
  return out;
}

/** The generated domains' records and the shared MX hosts' addresses, in zone-file form (absolute names). */
export function scanZoneText(/** @type {readonly ScanDomain[]} */ domains) {
  const lines = ['; generated: the scan world (cli/world/scan-world.mjs)'];
  for (const m of scanMxServers) for (const h of m.hosts) lines.push(`${h}. 300 IN A ${m.address}`);
  const kinds = new Map(scanKinds.map((k) => [k.name, k]));
  for (const d of domains) {
    const k = /** @type {ScanKind} */ (kinds.get(d.kind));
    d.mx.forEach((h, i) => lines.push(`${d.domain}. 300 IN MX ${10 * (i + 1)} ${h}.`));
    // Like most domains without MTA-STS, an absent one has no mta-sts host either (the speculative fetch ends at DNS).
    if (k.verdict !== 'absent') lines.push(`mta-sts.${d.domain}. 300 IN A 127.0.0.1`);
    if (k.sts !== null) lines.push(`_mta-sts.${d.domain}. 300 IN TXT "${k.sts}"`);
    if (k.tlsrpt) lines.push(`_smtp._tls.${d.domain}. 300 IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@${d.domain}"`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The generated domains' mta-sts host names in groups: one certificate (and nginx server block) each. Small groups
 * keep the certificates near real ones (a client parses every subjectAltName at each handshake); past 20,000 domains
 * the groups grow so that start-up stays within a minute.
 */
export function scanCertificateGroups(/** @type {readonly ScanDomain[]} */ domains, size = domains.length > 20_000 ? 100 : 20) {
  /** @type {string[][]} */
  const groups = [];
  for (let i = 0; i < domains.length; i += size) groups.push(domains.slice(i, i + size).map((d) => `mta-sts.${d.domain}`));
  return groups;
}
