// A domain check as plain text for the output channel: the layout of `sts-lens check` (cli/src/format/check.ts)
// without terminal colours, so the two read the same.
import type { CheckResult, Verdict } from '@sts-lens/shared';

const VERDICT_WORDS: Readonly<Record<Verdict, string>> = {
  enforced: 'ENFORCED: senders must use TLS to the listed MX hosts',
  testing: 'TESTING: senders report failures but still deliver',
  none: 'NONE: the policy is switched off',
  absent: 'ABSENT: no MTA-STS; senders use opportunistic TLS',
  broken: 'BROKEN: the setup fails senders (errors below)',
};

function days(seconds: number): string {
  const d = seconds / 86400;
  return `${Number.isInteger(d) ? d : d.toFixed(1)} day${d === 1 ? '' : 's'}`;
}

const label = (s: string) => s.padEnd(9);

/** A check result for a person: verdict and score, records, policy, MX coverage, TLS-RPT, problems with fixes. */
export function checkResultText(r: CheckResult): string {
  const out: string[] = [];
  const derived = r.derivedFrom === 'domain' ? '' : `  (from the ${r.derivedFrom === 'url' ? 'URL' : 'address'} ${r.input.trim()})`;
  out.push(`${r.domain}  ${VERDICT_WORDS[r.verdict]}  score ${r.score}/100${derived}`);

  const stsValues = r.sts.records.map((x) => x.value);
  const via = r.sts.cnames.length ? `  via CNAME ${r.sts.cnames.join(' → ')}` : '';
  out.push(`  ${label('STS')}${stsValues.length ? stsValues.map((v) => `"${v}"`).join('  ') : `no TXT record at ${r.sts.name} (${r.sts.status})`}${via}`);

  const p = r.policy;
  if (p.fetched || stsValues.length) {
    const how = p.error ? p.error.message : `HTTP ${p.status}${p.contentType ? ` ${p.contentType}` : ''}${p.location ? ` → ${p.location}` : ''}`;
    out.push(`  ${label('Policy')}${p.url}  ${how}`);
    if (p.fetched) {
      const maxAge = p.maxAge !== null ? `max_age ${p.maxAge} (${days(p.maxAge)})` : 'max_age missing or invalid';
      out.push(`  ${label('')}mode ${p.mode ?? 'missing or invalid'}  ·  ${maxAge}  ·  id ${r.sts.id ?? '-'}`);
    }
  }

  if (r.mx.length === 0) out.push(`  ${label('MX')}no MX records (${r.mxStatus})`);
  const hostWidth = Math.max(0, ...r.mx.map((m) => m.host.length));
  r.mx.forEach((m, i) => {
    const cover = !p.fetched ? '' : m.pattern !== null ? `✓ ${m.pattern}` : '✗ not covered';
    out.push(`  ${label(i === 0 ? 'MX' : '')}${String(m.preference).padStart(3)} ${m.host.padEnd(hostWidth)}  ${cover}${m.tlsa ? '  TLSA' : ''}`.trimEnd());
  });

  if (r.tlsrpt.rua.length) out.push(`  ${label('TLS-RPT')}${r.tlsrpt.rua.join(', ')}`);
  else if (r.tlsrpt.records.length) out.push(`  ${label('TLS-RPT')}${r.tlsrpt.records.map((x) => `"${x.value}"`).join('  ')} (unusable)`);
  else out.push(`  ${label('TLS-RPT')}no record at ${r.tlsrpt.name}`);

  if (r.diagnostics.length) {
    out.push('  Problems');
    for (const d of r.diagnostics) {
      out.push(`    ${d.severity.padEnd(7)}  ${d.code} (${d.source})  ${d.message}`);
      for (const f of d.fixes) out.push(`             fix: ${f.title}`);
    }
  } else {
    out.push('  No problems found.');
  }
  const t = r.timings;
  out.push(`  checked in ${t.totalMs} ms (sts ${t.stsMs}, tls-rpt ${t.tlsrptMs}, mx ${t.mxMs}, policy ${t.policyMs}, tlsa ${t.tlsaMs})`);
  return out.join('\n') + '\n';
}
