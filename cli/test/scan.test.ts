// `sts-lens check --from`: scans as a process, against the generated scan world (cli/world/scan-world.mjs): every
// verdict known by construction, the STARTTLS probes counted at Postfix's side (one log name per MX address).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM JavaScript with JSDoc types, no declaration file
import { startWorld } from '../world/world.mjs';
// @ts-expect-error: plain ESM JavaScript with JSDoc types, no declaration file
import { scanMxServers, scanMxTls } from '../world/scan-world.mjs';
import { bundle, stsLens, type Run } from './sts-lens.ts';

interface ScanDomain {
  domain: string;
  kind: string;
  verdict: string;
  mx: string[];
}
interface World {
  dnsServer: string;
  httpsPort: number;
  httpPort: number;
  smtpPort: number;
  caFile: string;
  scan: { domains: ScanDomain[]; listFile: string; maillog: string };
  stop(): Promise<void>;
}
interface Line {
  input: string;
  line: number;
  domain?: string;
  verdict?: string;
  error?: string;
  mx?: { host: string; tls: { status: string } }[];
  diagnostics?: { code: string }[];
}

const COUNT = 1200;
let world: World;
let transport: string[];
let dir: string;
let full: Run;
let fullLines: Line[];
let probesAtPostfix: number;

const parse = (ndjson: string): Line[] => ndjson.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line);
const sharedMxAddresses = (scanMxServers as { address: string }[]).map((m) => m.address);
/** SMTP sessions Postfix logged on the scan world's shared MX addresses: those that said EHLO (not the world's readiness checks). */
const postfixConnects = () => {
  const log = existsSync(world.scan.maillog) ? readFileSync(world.scan.maillog, 'utf8') : '';
  return sharedMxAddresses.reduce((n, a) => n + (log.match(new RegExp(`postfix/mx-${a.replace(/\./g, '\\.')}/smtpd\\[\\d+\\]: disconnect from \\S+ ehlo=`, 'g'))?.length ?? 0), 0);
};
/** Postfix writes its log through postlogd: wait until the count stops moving. */
async function settledConnects(): Promise<number> {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const n = postfixConnects();
    if (n === last) return n;
    last = n;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}
const list = (name: string, lines: readonly string[]) => {
  const f = join(dir, name);
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
};

beforeAll(async () => {
  world = (await startWorld({ scan: { count: COUNT, seed: 18 } })) as World;
  dir = mkdtempSync(join(tmpdir(), 'sts-lens-scan-'));
  transport = [
    '--resolver', world.dnsServer, '--ca', world.caFile, '--https-port', String(world.httpsPort), '--http-port', String(world.httpPort),
    '--smtp-port', String(world.smtpPort), '--timeout', '5',
  ];
  const before = await settledConnects();
  full = stsLens(['check', ...transport, '--from', world.scan.listFile, '--summary', join(dir, 'summary.json')]);
  fullLines = parse(full.stdout);
  probesAtPostfix = (await settledConnects()) - before;
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

describe('sts-lens check --from over the scan world', () => {
  it('writes one NDJSON line per input, in input order, each with its line number, and exits 0', () => {
    expect(full.status).toBe(0);
    expect(fullLines.map((l) => l.line)).toEqual(world.scan.domains.map((_, i) => i + 1));
    expect(fullLines.map((l) => l.input)).toEqual(world.scan.domains.map((d) => d.domain));
  });

  it('gives every generated domain the verdict it was built for, and every MX host its TLS status', () => {
    const wrong = fullLines.filter((l, i) => l.verdict !== world.scan.domains[i]!.verdict).map((l) => `${l.input}: ${l.verdict}`);
    expect(wrong).toEqual([]);
    for (const l of fullLines) {
      const want = world.scan.domains[l.line - 1]!;
      expect(l.mx!.map((m) => m.host)).toEqual(want.mx);
      for (const m of l.mx!) expect(m.tls.status, `${l.input} ${m.host}`).toBe((scanMxTls as Record<string, string>)[m.host]);
    }
    // Each kind has its finding: the expired MX, the name mismatch, the missing STARTTLS, the uncovered host.
    const codes = (kind: string) => new Set(fullLines.filter((l) => world.scan.domains[l.line - 1]!.kind === kind).flatMap((l) => l.diagnostics!.map((d) => d.code)));
    expect(codes('expired-mx')).toContain('check/mx-certificate-expired');
    expect(codes('wrong-name-mx')).toContain('check/mx-certificate-name');
    expect(codes('plain-mx')).toContain('check/mx-starttls-missing');
    expect(codes('uncovered')).toContain('check/mx-not-covered');
    expect(codes('no-policy')).toContain('check/policy-status');
    expect(codes('record-without-id')).toContain('sts-txt/id-missing');
  });

  it('makes one STARTTLS probe per distinct MX host: counted by Postfix and in the summary', () => {
    const hosts = new Set(world.scan.domains.flatMap((d) => d.mx));
    expect(probesAtPostfix).toBe(hosts.size);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.probes).toEqual({ made: hosts.size, asked: world.scan.domains.reduce((n, d) => n + d.mx.length, 0), distinctHosts: hosts.size });
    expect(summary.mxHosts.total).toBe(hosts.size);
  });

  it('summarises: verdicts, modes, findings, MX hosts by TLS status, on stderr and as JSON', () => {
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const verdicts: Record<string, number> = { enforced: 0, testing: 0, none: 0, absent: 0, broken: 0 };
    for (const d of world.scan.domains) verdicts[d.verdict]!++;
    expect(summary.completed).toBe(true);
    expect(summary.verdicts).toEqual(verdicts);
    expect(summary.domains).toEqual({ total: COUNT, checked: COUNT, resumed: 0, invalid: 0, unreachable: 0, otherShards: 0 });
    expect(summary.mxHosts.byTlsStatus).toEqual({ ok: 6, expired: 1, 'name-mismatch': 1, 'no-starttls': 1 });
    expect(summary.codes['check/sts-missing']).toBe(verdicts.absent);
    expect(full.stderr).toMatch(new RegExp(`^Scan complete: ${COUNT} domains; `));
    expect(full.stderr).toContain(`  enforced ${' '.repeat(34 - 'enforced'.length - 1)}${String(verdicts.enforced).padStart(9)}`);
    expect(full.stderr).toContain('MX hosts by TLS status (9 hosts)');
    expect(full.stderr).toContain('STARTTLS probes: 9 made for');
  });

  it('--unordered writes every input exactly once, with the same results', () => {
    const f = list('first300.txt', world.scan.domains.slice(0, 300).map((d) => d.domain));
    const r = stsLens(['check', ...transport, '--from', f, '--unordered', '--concurrency', '32']);
    expect(r.status).toBe(0);
    const lines = parse(r.stdout);
    expect(lines.map((l) => l.line).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    for (const l of lines) expect(l.verdict, l.input).toBe(world.scan.domains[l.line - 1]!.verdict);
  });

  it('reads standard input; skips blank lines and comments; takes URLs and addresses; an input naming no domain is a line of its own', () => {
    const d = world.scan.domains;
    const input = ['# customers', '', `https://www.${d[0]!.domain}/login`, `   postmaster@${d[1]!.domain}  # their postmaster`, '\t', '192.0.2.1', d[2]!.domain.toUpperCase() + '.', ''].join('\n');
    const r = stsLens(['check', ...transport, '--from', '-'], { input });
    expect(r.status).toBe(0);
    const lines = parse(r.stdout);
    expect(lines.map((l) => [l.line, l.input, l.domain ?? null, l.verdict ?? l.error])).toEqual([
      [3, `https://www.${d[0]!.domain}/login`, d[0]!.domain, d[0]!.verdict],
      [4, `postmaster@${d[1]!.domain}`, d[1]!.domain, d[1]!.verdict],
      [6, '192.0.2.1', null, '`192.0.2.1` is an IP address; MTA-STS policies belong to mail domains: give a domain name'],
      [7, d[2]!.domain.toUpperCase() + '.', d[2]!.domain, d[2]!.verdict],
    ]);
    expect(r.stderr).toMatch(/^Scan complete: 4 domains;/);
    expect(r.stderr).toMatch(/Not checked\n  input naming no domain +1 /);
  });

  it('--shard I/N: three shards partition the list exactly, the same way on every run', () => {
    const f = list('first240.txt', world.scan.domains.slice(0, 240).map((d) => d.domain));
    const shards = [0, 1, 2].map((i) => parse(stsLens(['check', ...transport, '--no-smtp', '--from', f, '--shard', `${i}/3`]).stdout).map((l) => l.line));
    const all = shards.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 240 }, (_, i) => i + 1));
    for (const s of shards) expect(s.length).toBeGreaterThan(40);
    const again = parse(stsLens(['check', ...transport, '--no-smtp', '--from', f, '--shard', '1/3']).stdout).map((l) => l.line);
    expect(again).toEqual(shards[1]);
  });

  /** Send `signal` to the scan once its output file holds more than `lines` lines. */
  const signalOnceWritten = (child: ChildProcess, out: string, lines: number, signal: NodeJS.Signals) =>
    new Promise<void>((done) => {
      const timer = setInterval(() => {
        if (existsSync(out) && readFileSync(out, 'utf8').split('\n').length > lines) {
          clearInterval(timer);
          child.kill(signal);
          done();
        }
      }, 20);
    });

  it('--resume after a kill mid-run: the union is every input exactly once, and right', async () => {
    const n = 600;
    const f = list('first600.txt', world.scan.domains.slice(0, n).map((d) => d.domain));
    const out = join(dir, 'resume.ndjson');
    // Kill (SIGKILL: nothing finishes cleanly) once a few lines are written.
    const child = spawn(process.execPath, [bundle, 'check', ...transport, '--from', f, '--resume', out, '--concurrency', '8'], { stdio: 'ignore' });
    await signalOnceWritten(child, out, 50, 'SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = readFileSync(out, 'utf8');
    expect(partial.split('\n').length).toBeLessThan(n);
    const r = stsLens(['check', ...transport, '--from', f, '--resume', out]);
    expect(r.status).toBe(0);
    const lines = parse(readFileSync(out, 'utf8'));
    expect(lines.map((l) => l.line).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    for (const l of lines) expect(l.verdict, l.input).toBe(world.scan.domains[l.line - 1]!.verdict);
    expect(r.stderr).toMatch(new RegExp(`^Scan complete: ${n} domains \\(\\d+ checked now, \\d+ from the resumed file\\)`));
    // Nothing left: a third run checks nothing and writes nothing.
    const again = stsLens(['check', ...transport, '--from', f, '--resume', out]);
    expect(again.status).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n').length).toBe(n + 1);
    expect(again.stderr).toMatch(new RegExp(`^Scan complete: ${n} domains \\(0 checked now, ${n} from the resumed file\\)`));
  }, 120_000);

  it('SIGINT: finishes cleanly with exit status 3, names the line to resume from; --resume then completes', async () => {
    const n = 500;
    const f = list('first500.txt', world.scan.domains.slice(0, n).map((d) => d.domain));
    const out = join(dir, 'interrupted.ndjson');
    const child = spawn(process.execPath, [bundle, 'check', ...transport, '--from', f, '--resume', out, '--concurrency', '8'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    await signalOnceWritten(child, out, 30, 'SIGINT');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(3);
    const written = parse(readFileSync(out, 'utf8'));
    expect(readFileSync(out, 'utf8').endsWith('\n')).toBe(true);
    const m = /interrupted after (\d+) inputs; the first input not done is line (\d+); run the same command again/.exec(stderr);
    expect(m, stderr).not.toBeNull();
    expect(Number(m![1])).toBe(written.length);
    // In order: everything before the named line is done, the named line is not.
    const from = Number(m![2]);
    expect(written.map((l) => l.line).filter((l) => l < from)).toEqual(Array.from({ length: from - 1 }, (_, i) => i + 1));
    expect(written.map((l) => l.line)).not.toContain(from);
    const r = stsLens(['check', ...transport, '--from', f, '--resume', out]);
    expect(r.status).toBe(0);
    // Every input exactly once (the lines of the interrupted run first, then the rest in order).
    expect(parse(readFileSync(out, 'utf8')).map((l) => l.line).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  }, 120_000);

  it('shows a progress line on a terminal (stderr): done / total, rate, ETA, errors', () => {
    const f = list('first100.txt', world.scan.domains.slice(0, 100).map((d) => d.domain));
    const cmd = [process.execPath, bundle, 'check', ...transport, '--from', f].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', `${cmd} >/dev/null`, '/dev/null'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\r\x1b\[K\d+\/100 domains {2}\d+\/s {2}ETA [\d:?]+ {2}broken \d+ {2}errors 0/);
    expect(r.stdout).toContain('\r\x1b[K100/100 domains');
    // Not on a pipe, unless asked for.
    const piped = stsLens(['check', ...transport, '--from', f, '--no-smtp']);
    expect(piped.stderr).not.toContain('\x1b[K');
    expect(stsLens(['check', ...transport, '--from', f, '--no-smtp', '--progress']).stderr).toContain('\r\x1b[K100/100 domains');
  });

  it('exit status 2: an unreadable list, and usage problems, before anything is written', () => {
    const missing = stsLens(['check', ...transport, '--from', join(dir, 'nope.txt')]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(`sts-lens check: cannot read the list ${join(dir, 'nope.txt')}: ENOENT\n`);
    const usage = (args: string[], message: string) => {
      const r = stsLens(['check', ...transport, ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`sts-lens check: ${message}`);
    };
    usage(['--from', dir, '--shard', '3/3'], '--shard needs I/N with 0 ≤ I < N (0/4 … 3/4), not `3/3`');
    usage(['--from', dir, '--concurrency', '0'], '--concurrency needs a whole number from 1 to 4096, not `0`');
    usage(['--from', dir, '--qps', 'fast'], '--qps needs a whole number from 1 to 1000000, not `fast`');
    usage(['--from', dir, '--format', 'text', '--resume', 'x.ndjson'], '--resume reads and appends NDJSON: use it with --format ndjson');
    usage(['example.test', '--from', dir], 'give the domains either as arguments or with --from, not both');
    usage(['example.test', '--unordered'], '--unordered belongs to scans: add --from FILE or --format ndjson');
    const isDir = stsLens(['check', ...transport, '--from', dir]);
    expect(isDir.status).toBe(2);
    expect(isDir.stderr).toBe(`sts-lens check: cannot read the list ${dir}: EISDIR\n`);
    const bad = join(dir, 'notours.ndjson');
    writeFileSync(bad, 'hello\n{"a":1}\n');
    const notOurs = stsLens(['check', ...transport, '--from', list('one.txt', [world.scan.domains[0]!.domain]), '--resume', bad]);
    expect(notOurs.status).toBe(2);
    expect(notOurs.stderr).toBe(`sts-lens check: ${bad}:1 is not a line of \`sts-lens check --format ndjson\`; --resume needs the output of an earlier scan\n`);
  });

  it('--qps paces the queries: 40 lookups at 20 per second take about two seconds', () => {
    const f = list('qps.txt', world.scan.domains.slice(0, 8).map((d) => d.domain));
    const started = Date.now();
    const r = stsLens(['check', ...transport, '--no-smtp', '--from', f, '--qps', '20']);
    const seconds = (Date.now() - started) / 1000;
    expect(r.status).toBe(0);
    const summary = /DNS: (\d+) queries/.exec(r.stderr);
    const queries = Number(summary![1]);
    expect(queries).toBeGreaterThanOrEqual(32);
    // Two queries may go at once (the burst), the rest one per 50 ms: never faster than that.
    expect(seconds).toBeGreaterThanOrEqual((queries - 2) / 20);
  });
});
