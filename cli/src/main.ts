#!/usr/bin/env node
// Process wiring only: real streams in, exit status out. Everything else is in cli.ts and the commands.
import type { Io } from './command.ts';
import { runCli } from './cli.ts';

function nodeIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      return Buffer.concat(chunks);
    },
    stdinStream: () => process.stdin,
    outDrained: () => (process.stdout.writableNeedDrain ? new Promise((done) => process.stdout.once('drain', () => done())) : Promise.resolve()),
    onInterrupt(handler) {
      // A second signal while the first is being handled ends the process at once (still exit status 3).
      let count = 0;
      const on = (signal: NodeJS.Signals) => {
        if (count++ > 0) process.exit(3);
        handler(signal);
      };
      process.on('SIGINT', on);
      process.on('SIGTERM', on);
      return () => {
        process.off('SIGINT', on);
        process.off('SIGTERM', on);
      };
    },
  };
}

/** The one place a bug surfaces: a sentence and exit status 2, never a stack trace. */
function internalError(e: unknown): void {
  process.stderr.write(`sts-lens: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}

// `sts-lens lint … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  internalError(e);
});
process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);

let settled = false;
// Should the event loop run dry while a command still awaits something, that is a bug: say so, never exit 0 silently.
process.on('beforeExit', () => {
  if (!settled) internalError(new Error('the command stopped before it finished'));
});
runCli(process.argv.slice(2), nodeIo()).then((status) => {
  settled = true;
  process.exitCode = status;
  // An interrupted scan may leave a read pending on a pipe or FIFO that never ends: leave once the output is out.
  if (status === 3) process.stdout.write('', () => process.exit(3));
}, internalError);
