import { usageError, type Io } from './command.ts';
import { commands } from './commands/index.ts';
import { cliVersion } from './version.ts';

/** The overall `--help` text, listing every command. */
export function overallHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `sts-lens ${cliVersion}: lint MTA-STS policies, STS / TLS-RPT TXT records and zone files (RFC 8461, RFC 8460)`,
    '',
    'Usage: sts-lens <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help  show this help (or `sts-lens <command> --help` for a command)',
    '  --version   print the version',
    '',
  ].join('\n');
}

/** Run `sts-lens` with the given arguments (without `node` and the script); resolves to the exit status. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(overallHelp());
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      io.out(overallHelp());
      return 0;
    }
    const command = commands.find((c) => c.name === topic);
    if (!command) return usageError(io, null, `unknown command \`${topic}\``);
    io.out(command.help);
    return 0;
  }
  if (first === '--version') {
    io.out(`${cliVersion}\n`);
    return 0;
  }
  if (first.startsWith('-') && first !== '-') return usageError(io, null, `unknown option \`${first}\``);
  const command = commands.find((c) => c.name === first);
  if (!command) return usageError(io, null, `unknown command \`${first}\``);
  return command.run(rest, io);
}
