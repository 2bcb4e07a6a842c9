// A large zone's parse writes its arrays once, front to back: for 1M records some 150 MB of tokens, entries, records
// and name table, all fresh memory. On a virtual machine a fresh page costs more than writing it (2.6 ms per MB
// here against 0.03 to write a page already there), so a worker thread touches the pages first, on the other core,
// while the lint parses: the arrays are made in shared memory (`LintOptions.allocate`) and each is sent to the worker
// as it is made. The worker adds 0 to one element per page (an atomic add, so it never undoes what the parse wrote
// meanwhile). It runs this same bundle (main.ts starts `runPageWorker` in it). STS_LENS_PAGE_WORKER=0 turns it off.
import { fileURLToPath } from 'node:url';
import { Worker, parentPort } from 'node:worker_threads';
import type { Allocate } from '@sts-lens/shared';

/** `workerData.role` of the page worker. */
export const PAGE_WORKER_ROLE = 'sts-lens:pages';

/** Below this many bytes a file's arrays are small enough that starting a worker costs more than it saves. */
export const PAGE_WORKER_MIN_BYTES = 4 << 20;

type Shared = Uint8Array | Uint16Array | Int32Array;

/** A worker touching the pages of the arrays `allocate` makes, until `close`. */
export interface PageWorker {
  readonly allocate: Allocate;
  close(): void;
}

/**
 * A page worker for a file of `size` bytes: null when it would not pay, is turned off, or this is not the bundle (a
 * worker runs built JavaScript only). After `close` the arrays `allocate` makes are plain ones.
 */
export function startPageWorker(size: number, env: NodeJS.ProcessEnv): PageWorker | null {
  if (size < PAGE_WORKER_MIN_BYTES || env.STS_LENS_PAGE_WORKER === '0' || !import.meta.url.endsWith('.js')) return null;
  let worker: Worker | null;
  try {
    worker = new Worker(fileURLToPath(import.meta.url), { workerData: { role: PAGE_WORKER_ROLE } });
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

/** Slices each array is touched in: the parse fills all of them from the start, a little of each at a time. */
const STEPS = 64;

/** The worker's side: touch every page of the arrays it is sent, a slice of each in turn. */
export function runPageWorker(): void {
  const arrays: Shared[] = [];
  let started = false;
  parentPort?.on('message', (a: Shared) => {
    arrays.push(a);
    if (started) return;
    started = true;
    // The arrays of one parse are made one after the other: start once they are all here.
    setImmediate(() => {
      for (let s = 0; s < STEPS; s++) {
        for (const a of arrays) {
          const perPage = 4096 / a.BYTES_PER_ELEMENT;
          const from = Math.floor((a.length * s) / STEPS);
          const to = Math.floor((a.length * (s + 1)) / STEPS);
          for (let i = from - (from % perPage); i < to; i += perPage) Atomics.add(a, i, 0);
        }
      }
      parentPort?.close();
    });
  });
}
