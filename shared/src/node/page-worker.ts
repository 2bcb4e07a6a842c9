// A large zone's parse writes its arrays once, front to back: for 1M records some 150 MB of tokens, entries, records
// and name table, all fresh memory. On a virtual machine a fresh page costs more than writing it (2.6 ms per MB
// here against 0.03 to write a page already there), so a worker thread touches the pages first, on the other core,
// while the lint parses: the arrays are made in shared memory (`LintOptions.allocate`) and each is sent to the worker
// as it is made. The worker adds 0 to one element per page (an atomic add, so it never undoes what the parse wrote
// meanwhile). The language server does the same for the arrays a zone's first re-parse will write (`stockForReparse`),
// while the zone just opened is linted. The worker is a few lines of its own (`TOUCH`), not a bundle: it starts in
// milliseconds and loads nothing. STS_LENS_PAGE_WORKER=0 turns it off.
import { Worker } from 'node:worker_threads';
import type { Allocate } from '@sts-lens/shared';

/** Below this many bytes a file's arrays are small enough that starting a worker costs more than it saves. */
export const PAGE_WORKER_MIN_BYTES = 4 << 20;

type Shared = Uint8Array | Uint16Array | Int32Array;

/** A worker touching the pages of the arrays `allocate` makes, until `close`. */
export interface PageWorker {
  readonly allocate: Allocate;
  close(): void;
}

/**
 * The worker's code (CommonJS, run with `eval`). It touches every page of the arrays it is sent, a slice of each in
 * turn (the parse fills all of them from the start, a little of each at a time), once the arrays sent together are
 * all there, and then ends.
 */
const TOUCH = `
const { parentPort } = require('node:worker_threads');
const STEPS = 64;
const arrays = [];
parentPort.on('message', (a) => {
  arrays.push(a);
  if (arrays.length > 1) return;
  setImmediate(() => {
    for (let s = 0; s < STEPS; s++) {
      for (const a of arrays) {
        const perPage = 4096 / a.BYTES_PER_ELEMENT;
        const from = Math.floor((a.length * s) / STEPS);
        const to = Math.floor((a.length * (s + 1)) / STEPS);
        for (let i = from - (from % perPage); i < to; i += perPage) Atomics.add(a, i, 0);
      }
    }
    parentPort.close();
  });
});
`;

/**
 * A page worker for a file of `size` bytes: null below `min` bytes (where it would not pay) or when it is turned off.
 * The worker touches the arrays made in one go and then ends by itself; after `close` (which ends it at once) the
 * arrays `allocate` makes are plain ones.
 */
export function startPageWorker(size: number, env: NodeJS.ProcessEnv, min = PAGE_WORKER_MIN_BYTES): PageWorker | null {
  if (size < min || env.STS_LENS_PAGE_WORKER === '0') return null;
  let worker: Worker | null;
  try {
    worker = new Worker(TOUCH, { eval: true });
  } catch {
    return null;
  }
  worker.unref();
  // A worker that fails only leaves the pages to the parse.
  worker.on('error', () => {});
  return {
    allocate: <T extends Shared>(ctor: { new (n: number): T; readonly BYTES_PER_ELEMENT: number }, n: number): T => {
      if (worker === null) return new ctor(n);
      const a = new (ctor as unknown as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(n * ctor.BYTES_PER_ELEMENT));
      worker.postMessage(a);
      return a;
    },
    close() {
      if (worker !== null) void worker.terminate();
      worker = null;
    },
  };
}
