// `sts-lens check --from FILE`: a streaming driver over checkDomain. Inputs are read line by line, at most
// `concurrency` checks run at once, and results are written as they come (in input order through a reorder buffer
// that is bounded: no check starts more than `window` inputs ahead of the oldest unwritten one, and none starts while
// the output is full). Only counters are kept for the summary, never the results.
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { constants, createReadStream, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { Socket } from 'node:net';
import { stat, truncate, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { checkDomain, checkResultText, couldNotCheck, domainFromInput } from '@sts-lens/shared';
import type { Io } from '../command.ts';
import { checkJsonValue } from '../format/check.ts';
import { palette, useColor } from '../format/color.ts';
import { ScanCounters, summaryJson, summaryText, type ScanRecord } from './scan-summary.ts';
import type { Transports } from './transports.ts';

export type ScanFormat = 'ndjson' | 'json' | 'text';

export interface ScanOptions {
  /** A file, `-` for standard input, or null when the domains are the command's arguments. */
  readonly from: string | null;
  readonly args: readonly string[];
  readonly format: ScanFormat;
  readonly ordered: boolean;
  readonly concurrency: number;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly resume: string | null;
  readonly summaryFile: string | null;
  readonly progress: boolean;
  readonly transports: Transports;
}

/** Exit statuses of a scan. */
export const SCAN_DONE = 0;
export const SCAN_TROUBLE = 2;
export const SCAN_INTERRUPTED = 3;

/** One input line that names something to check. */
interface Input {
  readonly line: number;
  readonly text: string;
}

/** The text of an input line to check, or null for a blank line or a comment (`#` at the start or after a space). */
export function inputOfLine(raw: string): string | null {
  const text = raw.replace(/(^|\s)#.*$/, '').trim();
  return text === '' ? null : text;
}

/** The shard (0 … count-1) of an input: SHA-256 of its normalised name (the domain checked, else the trimmed line in lower case). */
export function shardOf(text: string, count: number): number {
  const parsed = domainFromInput(text);
  const name = parsed.ok ? parsed.domain : text.trim().toLowerCase();
  return createHash('sha256').update(name).digest().readUInt32BE(0) % count;
}

async function* linesOf(stream: NodeJS.ReadableStream): AsyncGenerator<Input> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of rl) {
    line++;
    const text = inputOfLine(raw);
    if (text !== null) yield { line, text };
  }
}

async function* argsOf(args: readonly string[]): AsyncGenerator<Input> {
  let line = 0;
  for (const a of args) {
    line++;
    const text = inputOfLine(a);
    if (text !== null) yield { line, text };
  }
}

/** The inputs a --resume file already holds (line → input), counted into `counters`; a partial last line is cut off. */
async function readResumeFile(path: string, counters: ScanCounters): Promise<Map<number, string> | string> {
  const done = new Map<number, string>();
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return done;
    return `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  let good = 0;
  let offset = 0;
  let number = 0;
  try {
    const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const raw of rl) {
      number++;
      const bytes = Buffer.byteLength(raw) + 1;
      let record: (ScanRecord & { line?: unknown; input?: unknown }) | null = null;
      try {
        record = JSON.parse(raw) as ScanRecord & { line?: unknown; input?: unknown };
      } catch {
        record = null;
      }
      if (!record || typeof record.line !== 'number' || typeof record.input !== 'string') {
        // Only the last line may be cut short (a scan killed mid-write); anything else is not our file.
        if (offset + bytes >= size) break;
        return `${path}:${number} is not a line of \`sts-lens check --format ndjson\`; --resume needs the output of an earlier scan`;
      }
      offset += bytes;
      if (offset > size) break;
      good = offset;
      if (!done.has(record.line)) counters.add(record, true);
      done.set(record.line, record.input);
    }
  } catch (e) {
    return `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  if (good < size) await truncate(path, good);
  return done;
}

/** Run a scan; resolves to its exit status. */
export async function runScan(o: ScanOptions, io: Io): Promise<number> {
  const started = Date.now();
  const counters = new ScanCounters();
  let resumed = new Map<number, string>();
  if (o.resume !== null) {
    const r = await readResumeFile(o.resume, counters);
    if (typeof r === 'string') {
      io.err(`sts-lens check: ${r}\n`);
      return SCAN_TROUBLE;
    }
    resumed = r;
  }

  // Open the input first: a missing or unreadable file is a usage problem, before anything is written.
  let stream: NodeJS.ReadableStream | null = null;
  if (o.from === '-') stream = io.stdinStream();
  else if (o.from !== null) {
    try {
      const s = await stat(o.from);
      if (s.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (s.isFIFO()) {
        // A FIFO or a pipe (`--from <(generate-list)`) is read as a socket: a file stream's read would hold a worker
        // thread, and with it the process, until the writer sends or closes, even after an interruption.
        stream = new Socket({ fd: openFifo(o.from), readable: true, writable: false });
      } else {
        stream = createReadStream(o.from);
        await new Promise<void>((ok, fail) => (stream as ReturnType<typeof createReadStream>).once('open', () => ok()).once('error', fail));
      }
    } catch (e) {
      io.err(`sts-lens check: cannot read the list ${o.from}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return SCAN_TROUBLE;
    }
  }

  // Where results go: the --resume file (appended to), else standard output.
  let file: WriteStream | null = null;
  if (o.resume !== null) file = createWriteStream(o.resume, { flags: 'a' });
  const write = (text: string): void => {
    if (file) file.write(text);
    else io.out(text);
  };
  const drained = (): Promise<void> => (file ? (file.writableNeedDrain ? new Promise((done) => file!.once('drain', () => done())) : Promise.resolve()) : io.outDrained());
  const paint = palette(o.format === 'text' && file === null && useColor(io.env, io.stdoutIsTTY));

  let readError: string | null = null;
  const source = stream ? linesOf(stream) : argsOf(o.args);
  const total = o.progress && o.from !== null && o.from !== '-' ? countInputs(o.from, o, resumed) : Promise.resolve(null);
  let knownTotal: number | null = null;
  void total.then((n) => (knownTotal = n));

  const controller = new AbortController();
  // Every check in flight listens to it (its lookups' and probes' deadlines): many listeners by design.
  setMaxListeners(0, controller.signal);
  let interrupted = false;
  // Reading stops at once too: a pipe or FIFO may never send another line, so each read races the interruption.
  let onInterrupted: () => void = () => undefined;
  const interruption = new Promise<IteratorResult<Input>>((done) => (onInterrupted = () => done({ done: true, value: undefined })));
  const restore = io.onInterrupt(() => {
    interrupted = true;
    controller.abort();
    onInterrupted();
    (stream as { destroy?: () => void } | null)?.destroy?.();
    wake();
  });
  let lastLineRead = 0;

  let wakeUp: (() => void) | null = null;
  const wake = () => {
    const w = wakeUp;
    wakeUp = null;
    w?.();
  };
  const sleep = () => new Promise<void>((done) => (wakeUp = done));

  // Reorder buffer: finished outputs by sequence number, written once every earlier one is.
  const ready = new Map<number, string | null>();
  const lineOf = new Map<number, number>();
  let nextSeq = 0;
  let nextToWrite = 0;
  let inFlight = 0;
  let firstNotDone: number | null = null;
  const notDone = (line: number | undefined) => {
    if (line !== undefined && (firstNotDone === null || line < firstNotDone)) firstNotDone = line;
  };
  // Wide enough that one check waiting on a lost datagram does not stall the rest, small enough to stay a few MB.
  const window = Math.max(1024, o.concurrency * 8);
  let jsonItems = 0;
  if (o.format === 'json') write('[');

  const emit = (out: string) => {
    if (o.format === 'json') write(`${jsonItems++ === 0 ? '\n' : ',\n'}${out}`);
    else write(out);
  };
  const flush = () => {
    while (ready.has(nextToWrite)) {
      const out = ready.get(nextToWrite)!;
      ready.delete(nextToWrite);
      if (out !== null) emit(out);
      else notDone(lineOf.get(nextToWrite));
      lineOf.delete(nextToWrite);
      nextToWrite++;
    }
  };

  const finish = (seq: number, out: string | null) => {
    inFlight--;
    if (o.ordered) {
      ready.set(seq, out);
      flush();
    } else if (out !== null) emit(out);
    else notDone(lineOf.get(seq));
    if (!o.ordered) lineOf.delete(seq);
    wake();
  };

  const run = async (seq: number, input: Input) => {
    const parsed = domainFromInput(input.text);
    if (!parsed.ok) {
      const record = { input: input.text, line: input.line, error: parsed.error };
      counters.add(record, false);
      finish(seq, o.format === 'text' ? `line ${input.line}: cannot check \`${input.text}\`: ${parsed.error}\n` : JSON.stringify(record, null, o.format === 'json' ? 2 : undefined) + (o.format === 'ndjson' ? '\n' : ''));
      return;
    }
    let out: string | null = null;
    try {
      const r = await checkDomain(input.text, {
        resolve: o.transports.resolve,
        fetchPolicy: o.transports.fetchPolicy,
        probeHttp: o.transports.probeHttp,
        ...(o.transports.probeSmtp ? { probeSmtp: o.transports.probeSmtp } : {}),
        signal: controller.signal,
      });
      if (!controller.signal.aborted) {
        // The same object `check --format json` gives, a domain not checked included (verdict `unknown`, score null).
        const value = { input: input.text, line: input.line, ...(checkJsonValue(r) as object) } as ScanRecord;
        counters.add(value, false);
        const text = r.unreachable !== null ? `line ${input.line}: ${couldNotCheck(r.domain, o.transports.via, r.unreachable)}\n` : checkResultText(r, paint) + '\n';
        out = o.format === 'text' ? text : JSON.stringify(value, null, o.format === 'json' ? 2 : undefined) + (o.format === 'ndjson' ? '\n' : '');
      }
    } catch (e) {
      readError ??= `checking line ${input.line} failed: ${(e as Error).message}`;
    }
    finish(seq, out);
  };

  const progress = o.progress ? startProgress(io, counters, () => knownTotal, started) : null;
  try {
    const lines = source[Symbol.asyncIterator]();
    for (;;) {
      const next = await Promise.race([lines.next(), interruption]);
      if (next.done) break;
      const input = next.value;
      lastLineRead = input.line;
      if (interrupted) {
        notDone(input.line);
        break;
      }
      if (o.shard && shardOf(input.text, o.shard.count) !== o.shard.index) {
        counters.skippedByShard++;
        continue;
      }
      if (resumed.get(input.line) === input.text) continue;
      // The reorder window bounds the buffer of finished results waiting for an earlier one (ordered output only).
      while (!interrupted && (inFlight >= o.concurrency || (o.ordered && nextSeq - nextToWrite >= window))) await sleep();
      await drained();
      if (interrupted) {
        notDone(input.line);
        break;
      }
      const seq = nextSeq++;
      lineOf.set(seq, input.line);
      inFlight++;
      void run(seq, input);
    }
  } catch (e) {
    if (!interrupted) readError = `cannot read the list ${o.from}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  while (inFlight > 0) await sleep();
  if (o.ordered) flush();
  restore();
  if (o.format === 'json') write(jsonItems ? '\n]\n' : ']\n');
  if (file) await new Promise<void>((done) => file!.end(() => done()));
  await drained();
  progress?.stop();

  const stats = o.transports.stats();
  const run_ = {
    completed: !interrupted && readError === null,
    seconds: (Date.now() - started) / 1000,
    concurrency: o.concurrency,
    shard: o.shard ? `${o.shard.index}/${o.shard.count}` : null,
    dns: stats.dns,
    probes: stats.probes,
    resumeFrom: interrupted ? firstNotDone : null,
  };
  io.err(summaryText(counters, run_));
  if (o.summaryFile !== null) {
    try {
      await writeFile(o.summaryFile, JSON.stringify(summaryJson(counters, run_), null, 2) + '\n');
    } catch (e) {
      io.err(`sts-lens check: cannot write the summary ${o.summaryFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return SCAN_TROUBLE;
    }
  }
  if (readError !== null) {
    io.err(`sts-lens check: ${readError}\n`);
    return SCAN_TROUBLE;
  }
  if (interrupted) {
    const again = o.resume !== null ? `run the same command again (--resume ${o.resume} skips the ${counters.done} inputs done)` : 'to go on from there, run it again with --resume FILE naming the output written so far (and without redirecting standard output into that file: --resume appends to it)';
    const from = firstNotDone !== null ? `the first input not done is line ${firstNotDone}` : `the inputs up to line ${lastLineRead} are done`;
    io.err(`sts-lens check: interrupted after ${counters.done} inputs; ${from}; ${again}\n`);
    return SCAN_INTERRUPTED;
  }
  return SCAN_DONE;
}

/**
 * Open a FIFO for reading: waits for a writer as `cat` would (a named FIFO may have none yet); the raw descriptor then
 * belongs to the socket reading it (libuv makes it non-blocking).
 */
function openFifo(path: string): number {
  return openSync(path, constants.O_RDONLY);
}

/** How many inputs of the list this run will check (for the progress line): a quick second read of the file. */
async function countInputs(path: string, o: ScanOptions, resumed: ReadonlyMap<number, string>): Promise<number | null> {
  try {
    let n = 0;
    for await (const input of linesOf(createReadStream(path))) {
      if (o.shard && shardOf(input.text, o.shard.count) !== o.shard.index) continue;
      if (resumed.get(input.line) !== input.text) n++;
    }
    return n;
  } catch {
    return null;
  }
}

/** The progress line on standard error, rewritten four times a second: done / total, rate, ETA, errors so far. */
function startProgress(io: Io, c: ScanCounters, total: () => number | null, started: number) {
  const draw = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? c.checked / seconds : 0;
    const t = total();
    const left = t !== null ? Math.max(0, t - c.checked) : null;
    const eta = left !== null && rate > 0 ? clock(left / rate) : '?';
    const of = t !== null ? `/${t}` : '';
    io.err(`\r\x1b[K${c.checked}${of} domains  ${rate.toFixed(0)}/s  ETA ${eta}  broken ${c.verdicts.get('broken') ?? 0}  errors ${c.errors}`);
  };
  const timer = setInterval(draw, 250);
  draw();
  return {
    stop() {
      clearInterval(timer);
      draw();
      io.err('\r\x1b[K');
    },
  };
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
