import { domainFromInput, freshId, judgeMxTls, type MxTls } from '@sts-lens/shared';
import { parseCommandArgs, type OptionSpec } from '../args.ts';
import { EXIT_TROUBLE, usageError, type Command, type Io } from '../command.ts';
import { makeTransports } from '../check/transports.ts';
import { transportSettings } from './check.ts';

const OPTIONS: OptionSpec = {
  resolver: { type: 'string' },
  doh: { type: 'string' },
  ca: { type: 'string' },
  timeout: { type: 'string' },
  rua: { type: 'string' },
  'smtp-port': { type: 'string' },
  'no-smtp': { type: 'boolean' },
  ehlo: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const synopsis = 'Usage: sts-lens init [--resolver HOST:PORT | --doh URL] [--rua URI] [--no-smtp | --ehlo NAME] DOMAIN';
const help = `${synopsis}

Print a ready MTA-STS setup for DOMAIN from its live MX records: the policy file (one mx line per MX host,
max_age 604800 = one week), the _mta-sts TXT record with a fresh id (the current UTC time), and a TLS-RPT
record. Every MX host is probed over STARTTLS first: the policy says mode enforce only when every one of
them passes (STARTTLS, a trusted certificate naming the host, not expired); otherwise mode testing, with a
comment naming the hosts to fix. Switch to enforce once they pass (and the TLS-RPT reports are clean), and
publish a new id.

Options:
  --rua URI        where TLS-RPT reports go (default mailto:tls-reports@DOMAIN)
  --resolver, --doh, --ca, --timeout, --smtp-port, --no-smtp, --ehlo   as for \`sts-lens check\`
  -h, --help       show this help

Environment: SOURCE_DATE_EPOCH fixes the clock of the id, for reproducible output.
`;

/** `sts-lens init`: a starting policy, STS record and TLS-RPT record from the domain's live MX set. */
export const initCommand: Command = {
  name: 'init',
  summary: 'print a ready policy, _mta-sts and TLS-RPT records for a domain from its live MX hosts',
  synopsis,
  help,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const args = parseCommandArgs(argv, OPTIONS);
    if (!args.ok) return usageError(io, initCommand, args.message);
    if (args.values.help === true) {
      io.out(help);
      return 0;
    }
    if (args.positionals.length !== 1) return usageError(io, initCommand, 'name exactly one domain');
    const input = domainFromInput(args.positionals[0]!);
    if (!input.ok) return usageError(io, initCommand, `cannot use \`${input.input}\`: ${input.error}`);
    const settings = transportSettings(io, args.values);
    if (typeof settings === 'number') return settings;
    let t;
    try {
      t = await makeTransports(settings);
    } catch (e) {
      return usageError(io, initCommand, (e as Error).message);
    }
    const domain = input.domain;
    const mx = await t.resolve(domain, 'MX');
    if (mx.status === 'timeout' || mx.status === 'error' || mx.status === 'servfail' || mx.status === 'refused') {
      io.err(`sts-lens init: could not look up the MX records of ${domain} via ${t.via}: ${mx.status}${mx.error ? ` (${mx.error})` : ''}\n`);
      return EXIT_TROUBLE;
    }
    // In preference order (resolvers rotate RRsets), so the output is the same from run to run.
    const byPreference = mx.records.flatMap((r) => (r.type === 'MX' ? [r] : [])).sort((x, y) => x.preference - y.preference || (x.exchange < y.exchange ? -1 : 1));
    const hosts = [...new Set(byPreference.map((r) => r.exchange.toLowerCase().replace(/\.$/, '')).filter((h) => h !== ''))];
    if (hosts.length === 0) {
      io.err(`sts-lens init: ${domain} has no MX records; MTA-STS protects mail to MX hosts, so publish MX records first\n`);
      return 1;
    }
    const epoch = io.env.SOURCE_DATE_EPOCH;
    const now = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
    const rua = typeof args.values.rua === 'string' ? args.values.rua : `mailto:tls-reports@${domain}`;
    const probe = t.probeSmtp;
    const tls: (readonly [string, MxTls])[] = probe ? await Promise.all(hosts.map(async (h) => [h, judgeMxTls(h, await probe(h), new Date())] as const)) : [];
    const failing = tls.filter(([, x]) => x.status !== 'ok');
    const ready = probe !== undefined && failing.length === 0;
    const why = !probe
      ? ['# mode testing: the MX hosts were not probed (--no-smtp); switch to enforce once `sts-lens check` shows every one ready']
      : failing.length
        ? [
            '# mode testing: these MX hosts must pass STARTTLS before you switch to enforce:',
            ...failing.map(([h, x]) => `#   ${h}: ${x.status}${x.error ? ` (${x.error})` : ''}`),
          ]
        : [`# mode enforce: every MX host passed the STARTTLS probe (${tls.map(([h, x]) => `${h} ${x.protocol ?? 'TLS'}`).join(', ')})`];
    const policy = ['version: STSv1', `mode: ${ready ? 'enforce' : 'testing'}`, ...hosts.map((h) => `mx: ${h}`), 'max_age: 604800', ''].join('\n');
    io.out(
      [
        `# Policy file: serve it at https://mta-sts.${domain}/.well-known/mta-sts.txt`,
        `# (HTTPS with a valid certificate for mta-sts.${domain}, Content-Type: text/plain, status 200, no redirect)`,
        ...why,
        policy,
        '# DNS records (zone file syntax):',
        `_mta-sts.${domain}.   3600 IN TXT "v=STSv1; id=${freshId(now)}"`,
        `_smtp._tls.${domain}. 3600 IN TXT "v=TLSRPTv1; rua=${rua}"`,
        `# and an A/AAAA or CNAME record for mta-sts.${domain} pointing at the web server.`,
        '',
      ].join('\n'),
    );
    // Say what is already published, so nobody overwrites a working setup by accident.
    const sts = await t.resolve(`_mta-sts.${domain}`, 'TXT');
    const published = sts.records.flatMap((r) => (r.type === 'TXT' ? [`"${r.value}"`] : []));
    if (published.length) io.err(`note: ${domain} already publishes _mta-sts ${published.join(' ')}; publish a new id when you replace its policy\n`);
    return 0;
  },
};
