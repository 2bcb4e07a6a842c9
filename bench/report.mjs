#!/usr/bin/env node
// `sts-lens report --format json` over 10 000 generated TLS-RPT reports (one directory, half gzipped): wall time,
// reports per second and peak RSS of the built bundle. Prints figures; judges nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'cli/dist/sts-lens.js');
const REPORTS = 10_000;
if (!existsSync(bundle)) {
  console.error(`bench/report: ${bundle} is missing; build it first: pnpm --filter @sts-lens/cli build`);
  process.exit(1);
}

const orgs = ['Google Inc.', 'Microsoft Corporation', 'Mail Provider A', 'Mail Provider B', 'Mail Provider C'];
const types = ['certificate-expired', 'starttls-not-supported', 'certificate-host-mismatch', 'sts-policy-fetch-error'];
function reportJson(i) {
  const day = new Date(Date.UTC(2026, 0, 1) + (i % 60) * 86_400_000).toISOString().slice(0, 10);
  const domain = `d${i % 50}.example`;
  const failures = i % 7 === 0 ? [{ 'result-type': types[i % types.length], 'sending-mta-ip': `192.0.2.${i % 250}`, 'receiving-mx-hostname': `mx${i % 3}.${domain}`, 'failed-session-count': 1 + (i % 5) }] : [];
  return JSON.stringify({
    'organization-name': orgs[i % orgs.length],
    'date-range': { 'start-datetime': `${day}T00:00:00Z`, 'end-datetime': `${day}T23:59:59Z` },
    'contact-info': 'tlsrpt@provider.example',
    'report-id': `${day}_${domain}_${i}`,
    policies: [
      {
        policy: { 'policy-type': 'sts', 'policy-string': ['version: STSv1', `mode: ${i % 11 === 0 ? 'enforce' : 'testing'}`, `mx: *.${domain}`, 'max_age: 604800'], 'policy-domain': domain, 'mx-host': [`*.${domain}`] },
        summary: { 'total-successful-session-count': 100 + (i % 900), 'total-failure-session-count': failures.reduce((n, f) => n + f['failed-session-count'], 0) },
        ...(failures.length > 0 ? { 'failure-details': failures } : {}),
      },
    ],
  });
}

const dir = mkdtempSync(join(tmpdir(), 'sts-lens-bench-report-'));
try {
  const reports = join(dir, 'reports');
  mkdirSync(reports);
  for (let i = 0; i < REPORTS; i++) {
    const json = reportJson(i);
    if (i % 2 === 0) writeFileSync(join(reports, `r${i}.json`), json);
    else writeFileSync(join(reports, `r${i}.json.gz`), gzipSync(json));
  }
  const timeBin = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));
  const cmd = timeBin ? [timeBin, '-f', '%M', process.execPath, bundle] : [process.execPath, bundle];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], [...cmd.slice(1), 'report', '--format', 'json', reports], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const peak = timeBin ? Number(/(\d+)\s*$/.exec(r.stderr)?.[1] ?? NaN) : NaN;
  const read = r.status === 0 || r.status === 1 ? JSON.parse(r.stdout).read : `failed (exit ${r.status})`;
  console.log(`report: ${REPORTS} reports (half gzipped), read ${read}: ${ms.toFixed(0)} ms, ${((REPORTS / ms) * 1000).toFixed(0)} reports/s, peak RSS ${Number.isNaN(peak) ? 'n/a' : `${(peak / 1024).toFixed(0)} MiB`}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
