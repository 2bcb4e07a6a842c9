import type { Severity } from '../diagnostic.ts';
import { couldNotCheck, type CheckResult, type Verdict } from './check-domain.ts';
import type { MxHost } from './context.ts';
import { MX_CERTIFICATE_EXPIRING_DAYS, mxHostIsAddress, mxTlsPasses, type MxTls, type MxTlsStatus } from './mx-tls.ts';

/** Text styles a formatter may apply; terminals pass ANSI colours, everything else the identity. */
export interface TextPaint {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly blue: (s: string) => string;
  readonly green: (s: string) => string;
}

const same = (s: string) => s;
/** No styling: plain text. */
export const plainPaint: TextPaint = { bold: same, dim: same, red: same, yellow: same, blue: same, green: same };

const VERDICT_WORDS: Readonly<Record<Verdict, string>> = {
  enforced: 'ENFORCED: senders must use TLS to the listed MX hosts',
  testing: 'TESTING: senders report failures but still deliver',
  none: 'NONE: the policy is switched off',
  absent: 'ABSENT: no MTA-STS; senders use opportunistic TLS',
  broken: 'BROKEN: the setup fails senders (errors below)',
  unknown: 'NOT CHECKED: no DNS answer',
};

function days(seconds: number): string {
  const d = seconds / 86400;
  return `${Number.isInteger(d) ? d : d.toFixed(1)} day${d === 1 ? '' : 's'}`;
}

const TLS_FAULT: Readonly<Record<MxTlsStatus, string>> = {
  ok: 'ready',
  'no-starttls': 'no STARTTLS',
  untrusted: 'certificate not trusted',
  'name-mismatch': 'certificate for another name',
  expired: 'certificate out of date',
  'handshake-failed': 'STARTTLS failed',
  unreachable: 'unreachable',
  skipped: 'not checked',
};

/** An MX exchange that is an IP address (check/mx-ip-address): no host to probe. */
const NOT_A_HOST = 'an IP address, not a host name';

/** `TLSv1.3` as `TLS 1.3`. */
function protocolWords(p: string | null): string {
  return p ? p.replace(/^TLSv/, 'TLS ') : 'TLS';
}

/** One MX host's TLS in a few words: `✓ TLS 1.3, certificate valid 61 days`, or what failed. */
function mxTlsText(host: string, t: MxTls, paint: TextPaint): string {
  if (mxHostIsAddress(host)) return paint.red(`✗ ${NOT_A_HOST}`);
  const c = t.certificate;
  const at = t.address ? paint.dim(`  [${t.address}]`) : '';
  switch (t.status) {
    case 'ok': {
      const d = c?.daysLeft ?? 0;
      const text = `${protocolWords(t.protocol)}, certificate valid ${d} day${d === 1 ? '' : 's'}`;
      return (d < MX_CERTIFICATE_EXPIRING_DAYS ? paint.yellow(`! ${text}`) : paint.green(`✓ ${text}`)) + at;
    }
    case 'skipped':
      return paint.dim('TLS not checked');
    case 'unreachable':
      return paint.yellow('? no answer on SMTP') + at;
    case 'no-starttls':
    case 'handshake-failed':
      return paint.red(`✗ ${TLS_FAULT[t.status]}`) + at;
    case 'expired':
      return paint.red(`✗ ${protocolWords(t.protocol)}, certificate ${c && c.daysLeft < 0 ? `expired ${c.notAfter.slice(0, 10)}` : 'not valid yet'}`) + at;
    default:
      return paint.red(`✗ ${protocolWords(t.protocol)}, ${TLS_FAULT[t.status]}`) + at;
  }
}

/** The line under the MX table: how many hosts are ready for MTA-STS, and what stands in the way. */
function mxTlsSummary(r: CheckResult, paint: TextPaint): string | null {
  const probed = r.mx.filter((m) => m.tls.status !== 'skipped' && !mxHostIsAddress(m.host));
  if (r.mx.length === 0) return null;
  if (probed.length === 0) return paint.dim('not checked (no STARTTLS probe was made)');
  const answered = probed.filter((m) => m.tls.status !== 'unreachable');
  if (answered.length === 0) return paint.yellow(`no MX host answered SMTP from here: port 25 may be blocked from this network`);
  const ready = r.mx.filter((m) => m.tls.status === 'ok').length;
  const addresses = r.mx.filter((m) => mxHostIsAddress(m.host));
  const faulty = r.mx.filter((m) => !mxTlsPasses(m.tls.status) || mxHostIsAddress(m.host));
  const list = (ms: readonly MxHost[]) => ms.map((m) => `${m.host} (${mxHostIsAddress(m.host) ? NOT_A_HOST : TLS_FAULT[m.tls.status]})`).join(', ');
  const count = `${ready} of ${r.mx.length} MX host${r.mx.length === 1 ? '' : 's'} ready for MTA-STS`;
  const unknown = probed.length - answered.length + (r.mx.length - probed.length - addresses.length);
  const rest = unknown > 0 ? paint.dim(`, ${unknown} not known`) : '';
  if (faulty.length === 0) return paint.green(count) + rest;
  const why =
    r.policy.mode === 'enforce' && r.policy.fetched
      ? `senders refuse ${list(faulty)}`
      : r.policy.mode === 'testing' && r.policy.fetched
        ? `not ready to enforce: fix ${list(faulty)}`
        : `to fix first: ${list(faulty)}`;
  return `${paint.yellow(count)}${rest}; ${paint.red(why)}`;
}

/**
 * A check result for a person at a glance: verdict, records, policy, MX table, TLS-RPT, problems with fixes.
 * The one layout of `sts-lens check` and the editor's "Check domain…".
 */
export function checkResultText(r: CheckResult, paint: TextPaint = plainPaint): string {
  const verdictStyle: Record<Verdict, (s: string) => string> = {
    enforced: (s) => paint.bold(paint.green(s)),
    testing: (s) => paint.bold(paint.yellow(s)),
    none: (s) => paint.bold(paint.yellow(s)),
    absent: (s) => paint.bold(s),
    broken: (s) => paint.bold(paint.red(s)),
    unknown: (s) => paint.bold(s),
  };
  const sev: Record<Severity, (s: string) => string> = {
    error: (s) => paint.bold(paint.red(s)),
    warning: paint.yellow,
    info: paint.blue,
    hint: paint.dim,
  };
  // Nothing was checked: one line, and not a word about the domain.
  if (r.unreachable !== null) return `${paint.bold(couldNotCheck(r.domain, 'the resolver', r.unreachable))}\n`;
  const label = (s: string) => paint.dim(s.padEnd(9));
  const out: string[] = [];
  const derived = r.derivedFrom === 'domain' ? '' : paint.dim(`  (from the ${r.derivedFrom === 'url' ? 'URL' : 'address'} ${r.input.trim()})`);
  out.push(`${paint.bold(r.domain)}  ${verdictStyle[r.verdict](VERDICT_WORDS[r.verdict])}  ${paint.dim(`score ${r.score}/100`)}${derived}`);

  const stsValues = r.sts.records.map((x) => x.value);
  out.push(`  ${label('STS')}${stsValues.length ? stsValues.map((v) => `"${v}"`).join('  ') : paint.dim(`no TXT record at ${r.sts.name} (${r.sts.status})`)}${r.sts.cnames.length ? paint.dim(`  via CNAME ${r.sts.cnames.join(' → ')}`) : ''}`);

  const p = r.policy;
  if (p.fetched || stsValues.length) {
    const how = p.error ? paint.red(p.error.message) : `HTTP ${p.status}${p.contentType ? ` ${p.contentType}` : ''}${p.location ? ` → ${p.location}` : ''}`;
    out.push(`  ${label('Policy')}${p.url}  ${how}`);
    if (p.fetched) {
      const maxAge = p.maxAge !== null ? `max_age ${p.maxAge} (${days(p.maxAge)})` : paint.red('max_age missing or invalid');
      out.push(`  ${label('')}mode ${p.mode ?? paint.red('missing or invalid')}  ·  ${maxAge}  ·  id ${r.sts.id ?? '-'}`);
    }
  }

  if (r.mx.length === 0) out.push(`  ${label('MX')}${paint.dim(`no MX records (${r.mxStatus})`)}`);
  const hostWidth = Math.max(0, ...r.mx.map((m) => m.host.length));
  const coverText = (m: MxHost) => (!p.fetched ? '' : m.pattern !== null ? `✓ ${m.pattern}` : '✗ not covered');
  const coverWidth = Math.max(0, ...r.mx.map((m) => coverText(m).length));
  r.mx.forEach((m, i) => {
    const plain = coverText(m).padEnd(coverWidth);
    const cover = !plain ? '' : `${m.pattern !== null ? paint.green(plain) : paint.red(plain)}  `;
    const dane = m.tlsa ? paint.dim('  TLSA') : '';
    out.push(`  ${label(i === 0 ? 'MX' : '')}${String(m.preference).padStart(3)} ${m.host.padEnd(hostWidth)}  ${cover}${mxTlsText(m.host, m.tls, paint)}${dane}`.trimEnd());
  });
  const tlsSummary = mxTlsSummary(r, paint);
  if (tlsSummary) out.push(`  ${label('MX TLS')}${tlsSummary}`);

  const rua = r.tlsrpt.rua;
  if (rua.length) out.push(`  ${label('TLS-RPT')}${rua.join(', ')}`);
  else if (r.tlsrpt.records.length) out.push(`  ${label('TLS-RPT')}${r.tlsrpt.records.map((x) => `"${x.value}"`).join('  ')} ${paint.red('(unusable)')}`);
  else out.push(`  ${label('TLS-RPT')}${paint.dim(`no record at ${r.tlsrpt.name}`)}`);

  if (r.diagnostics.length) {
    out.push(`  ${paint.bold('Problems')}`);
    for (const d of r.diagnostics) {
      out.push(`    ${sev[d.severity](d.severity.padEnd(7))}  ${paint.dim(`${d.code} (${d.source})`)}  ${d.message}`);
      for (const f of d.fixes) out.push(`             ${paint.green('fix:')} ${f.title}`);
    }
  } else {
    out.push(`  ${paint.green('No problems found.')}`);
  }
  const t = r.timings;
  out.push(paint.dim(`  checked in ${t.totalMs} ms (sts ${t.stsMs}, tls-rpt ${t.tlsrptMs}, mx ${t.mxMs}, policy ${t.policyMs}, tlsa ${t.tlsaMs}, smtp ${t.smtpMs})`));
  return out.join('\n') + '\n';
}
