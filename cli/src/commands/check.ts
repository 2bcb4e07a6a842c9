import { readFile } from 'node:fs/promises';
import { checkDomain, checkResultText, couldNotCheck, domainFromInput, type CheckResult, type LastSeen } from '@sts-lens/shared';
import { parseCommandArgs, type OptionSpec } from '../args.ts';
import { EXIT_TROUBLE, usageError, type Command, type Io } from '../command.ts';
import { makeTransports, parsePort, parseTimeout, type TransportSettings } from '../check/transports.ts';
import { runScan, type ScanFormat } from '../check/scan.ts';
import { checkJsonValue } from '../format/check.ts';
import { palette, useColor } from '../format/color.ts';

const OPTIONS: OptionSpec = {
  format: { type: 'string' },
  resolver: { type: 'string' },
  doh: { type: 'string' },
  ca: { type: 'string' },
  timeout: { type: 'string' },
  since: { type: 'string' },
  'https-port': { type: 'string' },
  'http-port': { type: 'string' },
  'smtp-port': { type: 'string' },
  'no-smtp': { type: 'boolean' },
  ehlo: { type: 'string' },
  from: { type: 'string' },
  unordered: { type: 'boolean' },
  concurrency: { type: 'string' },
  qps: { type: 'string' },
  summary: { type: 'string' },
  resume: { type: 'string' },
  shard: { type: 'string' },
  progress: { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/**
 * Checks in flight during a scan by default. Measured with bench/scan.mjs on the scan world (10,000 domains, 2 cores
 * shared with unbound, nginx and Postfix): on loopback 32 and up give the same rate (the cores are the limit); with
 * 50 ms round trips 64 is the best of 32 … 256. The figures: docs/scan.md.
 */
export const DEFAULT_CONCURRENCY = 64;

const synopsis =
  'Usage: sts-lens check [--format text|json|ndjson] [--resolver HOST:PORT | --doh URL] [--ca FILE] [--timeout T] [--since FILE] [--no-smtp | --ehlo NAME] DOMAIN...\n' +
  '       sts-lens check --from FILE|- [--format ndjson|json|text] [--unordered] [--concurrency N] [--qps N] [--resume OUT.ndjson] [--shard I/N] [--summary FILE] [transport options]';

const help = `${synopsis}

Check live domains as a sending mail server would: the _mta-sts and _smtp._tls TXT records, the MX hosts
(and their TLSA records), and the policy fetched from https://mta-sts.DOMAIN/.well-known/mta-sts.txt
(certificate verified, redirects not followed, 64 KiB and time capped), and every MX host over SMTP on
port 25: greeting, EHLO, STARTTLS, the TLS handshake and its certificate (trusted chain, validity, a
subjectAltName naming the host), then QUIT; never MAIL FROM or RCPT. Lookups, the fetch and the probes
run in parallel; several domains are checked at once.

A DOMAIN may also be a URL (https://www.example.com/page checks example.com, its registrable domain) or an
e-mail address (postmaster@example.com checks example.com). Names are converted to their A-label (IDN) form.

Verdicts: enforced, testing, none, absent (no _mta-sts record), broken (a record, but no usable policy, or
with mode enforce an MX host the policy does not cover or whose STARTTLS fails: no STARTTLS, certificate
untrusted, for another name or expired, handshake failure). An MX host that does not answer is a warning
and changes no verdict (port 25 is often blocked on home and cloud networks).

Scans: \`--from FILE\` (\`-\`: standard input) reads one domain, URL or address per line (blank lines and \`#\`
comments skipped) and streams it: at most --concurrency checks at once, each result written as it is ready, none
kept. A scan shares work across its domains: DNS answers are cached for their TTL, and each MX host is probed once
per address set (100k domains behind 5 MX hosts make 5 probes; their TLSA lookups are asked once). At the end a
summary goes to standard error (verdicts, policy modes, the most common findings, MX hosts by TLS status, time).

Options:
  --format FORMAT     text (default) or json (one object per domain; an array for several domains); ndjson: one
                      line per input, the object of json plus \`input\` and \`line\` (the default for --from is ndjson)
  --resolver H:P      ask this DNS server (UDP, TCP on truncation); default: the system's first server
  --doh URL           ask this DNS-over-HTTPS endpoint (RFC 8484 wire format, HTTP/2)
  --ca FILE           also trust this PEM CA for the policy fetch, DoH and the MX probes (private or test CAs)
  --timeout T         per lookup, per fetch and per probe step (connect, each SMTP reply, the TLS handshake;
                      a whole probe gets three times it): seconds (10, 2.5s) or milliseconds (500ms); default 10s
  --since FILE        the JSON of an earlier \`check --format json\`: report a policy that changed while
                      the _mta-sts id did not (senders keep the old policy until max_age runs out)
  --https-port P      connect to port P instead of 443 for the policy (local test setups)
  --http-port P       port of the plain-HTTP probe instead of 80 (local test setups)
  --smtp-port P       probe every MX host on port P instead of 25 (local test setups)
  --no-smtp           do not probe the MX hosts (every MX TLS status is \`skipped\`)
  --ehlo NAME         the name the probes send with EHLO (default: this machine's host name)

Scan options (with --from, or --format ndjson):
  --from FILE         the domains, one per line; \`-\` reads standard input
  --unordered         write each result as it finishes (default: in input order, through a bounded buffer)
  --concurrency N     checks in flight (default ${DEFAULT_CONCURRENCY}, measured: docs/scan.md)
  --qps N             at most N DNS queries per second to the resolver (default: no limit)
  --resume OUT        append the results to OUT (created if missing) and skip the inputs already in it, so an
                      interrupted scan goes on where it stopped; a line cut short by a kill is dropped and redone
  --shard I/N         check only the inputs whose normalised name hashes (SHA-256) to shard I of N (0 ≤ I < N):
                      N runs with I = 0 … N-1 cover the list exactly once, on any machines
  --summary FILE      also write the summary as JSON
  --progress, --no-progress
                      show (or not) a progress line on standard error (default: when it is a terminal)
  -h, --help          show this help

A domain for which no lookup got an answer (the resolver or DoH provider is down, or its certificate is not
trusted) is not checked: a line "could not check DOMAIN: ... did not answer (...)" on stderr, and in JSON
its entry has verdict "unknown", score null, no diagnostics and "unreachable" saying what failed.

Exit status: 0 no errors, 1 errors found, 2 usage problem or DNS unreachable (some domain not checked).
A scan exits 0 when it completed (broken domains are data), 2 on a usage problem or an unreadable list, 3 when
interrupted (SIGINT, SIGTERM: the checks in flight are dropped, what is done is written, and the point to resume
from is named).
`;

/** `sts-lens check`: check domains' MTA-STS and TLS-RPT live, as senders see them. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'check live domains: records, policy over HTTPS, MX coverage, TLS-RPT (text or json)',
  synopsis,
  help,
  run: runCheck,
};

async function runCheck(argv: readonly string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (!args.ok) return usageError(io, checkCommand, args.message);
  const v = args.values;
  if (v.help === true) {
    io.out(help);
    return 0;
  }
  const scanOnly = ['from', 'unordered', 'concurrency', 'qps', 'summary', 'resume', 'shard', 'progress', 'no-progress'].filter((k) => v[k] !== undefined);
  const format = (v.format ?? (typeof v.from === 'string' ? 'ndjson' : 'text')) as string;
  if (format !== 'text' && format !== 'json' && format !== 'ndjson') return usageError(io, checkCommand, `unknown format \`${format}\`; use text, json, ndjson`);
  if (typeof v.from === 'string' && args.positionals.length > 0) return usageError(io, checkCommand, 'give the domains either as arguments or with --from, not both');
  if (args.positionals.length === 0 && typeof v.from !== 'string') return usageError(io, checkCommand, 'name at least one domain (or a list: --from FILE)');
  if (format === 'ndjson' || typeof v.from === 'string') return scan(io, v, format as ScanFormat, args.positionals);
  if (scanOnly.length > 0) return usageError(io, checkCommand, `--${scanOnly[0]} belongs to scans: add --from FILE or --format ndjson`);
  const settings = transportSettings(io, v);
  if (typeof settings === 'number') return settings;

  const inputs = args.positionals.map((p) => domainFromInput(p));
  for (const i of inputs) if (!i.ok) return usageError(io, checkCommand, `cannot check \`${i.input}\`: ${i.error}`);

  let since: ReadonlyMap<string, LastSeen> = new Map();
  if (typeof v.since === 'string') {
    const loaded = await loadSince(v.since);
    if (typeof loaded === 'string') {
      io.err(`sts-lens check: ${loaded}\n`);
      return EXIT_TROUBLE;
    }
    since = loaded;
  }

  let transports;
  try {
    transports = await makeTransports(settings);
  } catch (e) {
    return usageError(io, checkCommand, (e as Error).message);
  }

  const results = await Promise.all(
    inputs.map((i) => {
      const domain = i.ok ? i.domain : '';
      const lastSeen = since.get(domain);
      return checkDomain(i.input, {
        resolve: transports.resolve,
        fetchPolicy: transports.fetchPolicy,
        probeHttp: transports.probeHttp,
        ...(transports.probeSmtp ? { probeSmtp: transports.probeSmtp } : {}),
        ...(lastSeen ? { lastSeen } : {}),
      });
    }),
  );

  // A domain no lookup reached was not checked (verdict `unknown`, no score, no findings): JSON says so in its entry,
  // text leaves it to the stderr line below, and the exit status is 2, the resolver's trouble, not the domain's.
  const checked = results.filter((r) => r.unreachable === null);
  if (format === 'json') {
    const values = results.map(checkJsonValue);
    io.out(JSON.stringify(values.length === 1 ? values[0] : values, null, 2) + '\n');
  } else if (checked.length > 0) {
    const paint = palette(useColor(io.env, io.stdoutIsTTY));
    io.out(checked.map((r) => checkResultText(r, paint)).join('\n'));
  }
  let unchecked = false;
  for (const r of results) {
    if (r.unreachable === null) continue;
    unchecked = true;
    io.err(`sts-lens check: ${couldNotCheck(r.domain, transports.via, r.unreachable)}; is the resolver reachable?\n`);
  }
  if (unchecked) return EXIT_TROUBLE;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

/** A scan (`--from`, or `--format ndjson`): its options checked, then the streaming driver. */
async function scan(io: Io, v: Readonly<Record<string, string | boolean | undefined>>, format: ScanFormat, positionals: readonly string[]): Promise<number> {
  const fail = (m: string) => usageError(io, checkCommand, m);
  const count = (name: string, max: number): number | string | undefined => {
    const raw = v[name];
    if (typeof raw !== 'string') return undefined;
    return /^\d+$/.test(raw) && Number(raw) >= 1 && Number(raw) <= max ? Number(raw) : `--${name} needs a whole number from 1 to ${max}, not \`${raw}\``;
  };
  const concurrency = count('concurrency', 4096) ?? DEFAULT_CONCURRENCY;
  if (typeof concurrency === 'string') return fail(concurrency);
  const qps = count('qps', 1_000_000);
  if (typeof qps === 'string') return fail(qps);
  let shard: { index: number; count: number } | null = null;
  if (typeof v.shard === 'string') {
    const m = /^(\d+)\/(\d+)$/.exec(v.shard);
    if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) return fail(`--shard needs I/N with 0 ≤ I < N (0/4 … 3/4), not \`${v.shard}\``);
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  if (typeof v.resume === 'string' && format !== 'ndjson') return fail('--resume reads and appends NDJSON: use it with --format ndjson');
  if (v.since !== undefined) return fail('--since compares one domain with an earlier check; a scan does not take it');
  if (v.progress === true && v['no-progress'] === true) return fail('use either --progress or --no-progress');
  if (typeof v.from === 'string' && v.from === v.resume) return fail('--resume writes to its file: give it another one than --from');
  const settings = transportSettings(io, v);
  if (typeof settings === 'number') return settings;
  let transports;
  try {
    transports = await makeTransports({ ...settings, shared: true, ...(qps !== undefined ? { qps } : {}) });
  } catch (e) {
    return fail((e as Error).message);
  }
  return runScan(
    {
      from: typeof v.from === 'string' ? v.from : null,
      args: positionals,
      format,
      ordered: v.unordered !== true,
      concurrency,
      shard,
      resume: typeof v.resume === 'string' ? v.resume : null,
      summaryFile: typeof v.summary === 'string' ? v.summary : null,
      progress: v.progress === true || (v['no-progress'] !== true && io.stderrIsTTY),
      transports,
    },
    io,
  );
}

/** Transport options shared by `check` and `init`; a usage problem gives its exit status instead. */
export function transportSettings(io: Io, v: Readonly<Record<string, string | boolean | undefined>>): TransportSettings | number {
  const fail = (m: string) => usageError(io, checkCommand, m);
  if (typeof v.resolver === 'string' && typeof v.doh === 'string') return fail('use either --resolver or --doh, not both');
  let timeoutMs = 10_000;
  if (typeof v.timeout === 'string') {
    const t = parseTimeout(v.timeout);
    if (t === null) return fail(`--timeout needs seconds (10, 2.5s) or milliseconds (500ms) between 100ms and 600s, not \`${v.timeout}\``);
    timeoutMs = t;
  }
  const ports: { httpsPort?: number; httpPort?: number; smtpPort?: number } = {};
  for (const [opt, key] of [['https-port', 'httpsPort'], ['http-port', 'httpPort'], ['smtp-port', 'smtpPort']] as const) {
    const raw = v[opt];
    if (typeof raw !== 'string') continue;
    const p = parsePort(raw);
    if (p === null) return fail(`--${opt} needs a port number, not \`${raw}\``);
    ports[key] = p;
  }
  if (v['no-smtp'] === true && typeof v.ehlo === 'string') return fail('--no-smtp turns the MX probes off; drop --ehlo');
  if (typeof v.ehlo === 'string' && !/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$|^\[[0-9.:A-Fa-f]+\]$/.test(v.ehlo)) {
    return fail(`--ehlo needs a host name (mail.example.com) or an address literal ([192.0.2.1]), not \`${v.ehlo}\``);
  }
  return {
    timeoutMs,
    ...ports,
    ...(v['no-smtp'] === true ? { noSmtp: true } : {}),
    ...(typeof v.ehlo === 'string' ? { ehlo: v.ehlo } : {}),
    ...(typeof v.resolver === 'string' ? { resolver: v.resolver } : {}),
    ...(typeof v.doh === 'string' ? { doh: v.doh } : {}),
    ...(typeof v.ca === 'string' ? { caFile: v.ca } : {}),
  };
}

/** The id and policy per domain from an earlier `check --format json`, or a message saying what is wrong. */
async function loadSince(path: string): Promise<Map<string, LastSeen> | string> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code ? `cannot read ${path}: ${code}` : `${path} is not JSON from \`sts-lens check --format json\``;
  }
  const out = new Map<string, LastSeen>();
  for (const item of Array.isArray(data) ? data : [data]) {
    const r = item as Partial<CheckResult> | null;
    if (!r || typeof r.domain !== 'string' || !r.sts || !r.policy) return `${path} is not JSON from \`sts-lens check --format json\``;
    if (typeof r.sts.id === 'string' && typeof r.policy.text === 'string') out.set(r.domain, { id: r.sts.id, policy: r.policy.text });
  }
  return out;
}
