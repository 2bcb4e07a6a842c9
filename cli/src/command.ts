/** What a command may touch of the process: injected so commands stay testable and never exit the process. */
export interface Io {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (decides colour). */
  readonly stdoutIsTTY: boolean;
  /** Whether standard error is a terminal (decides a scan's progress line). */
  readonly stderrIsTTY: boolean;
  /** Standard output; bytes pass through untouched (stdin echoed by `--fix`). */
  out(data: string | Uint8Array): void;
  err(text: string): void;
  readStdin(): Promise<Uint8Array>;
  /** Standard input as a stream, for reading it line by line (a scan's `--from -`). */
  stdinStream(): NodeJS.ReadableStream;
  /** Resolves when standard output has room again (back-pressure for long outputs). */
  outDrained(): Promise<void>;
  /** Call `handler` on SIGINT or SIGTERM instead of dying; returns a function that restores the default. */
  onInterrupt(handler: (signal: string) => void): () => void;
}

/** One `sts-lens` subcommand: its name, a one-line summary for the overall help, its own help, and its run. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** The `Usage:` line, printed under usage errors. */
  readonly synopsis: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Runs the command; resolves to the process exit status (0 ok, 1 findings, 2 usage or I/O problem). */
  run(argv: readonly string[], io: Io): Promise<number>;
}

/** Exit status for a usage or I/O problem. */
export const EXIT_TROUBLE = 2;

/** Print a usage error for `command` (or the tool when null) the way every command does, and give exit status 2. */
export function usageError(io: Io, command: Command | null, message: string): number {
  const name = command ? `sts-lens ${command.name}` : 'sts-lens';
  io.err(`${name}: ${message}\n`);
  if (command) io.err(`${command.synopsis}\nRun \`sts-lens ${command.name} --help\` for the options.\n`);
  else io.err('Usage: sts-lens <command> [options]\nRun `sts-lens --help` for the commands.\n');
  return EXIT_TROUBLE;
}
