// Time caps for the transports without DOM or Node typings: timers and AbortController are taken from
// globalThis, where browsers, service workers and Node 20 all provide them.
import type { AbortSignalLike } from '../check/transport.ts';

interface Controller {
  readonly signal: AbortSignalLike;
  abort(reason?: unknown): void;
}

interface Host {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  AbortController: new () => Controller;
}

const host = globalThis as unknown as Host;

/** A time cap joined with an optional caller's signal: `signal` aborts at whichever comes first. */
export interface Deadline {
  readonly signal: AbortSignalLike;
  /** True when the time cap (not the caller) fired. */
  timedOut(): boolean;
  /** Clear the timer and stop listening to the caller's signal; call once the work is done. */
  dispose(): void;
}

/** Start a deadline of `timeoutMs` milliseconds, also aborted when `outer` aborts. */
export function startDeadline(timeoutMs: number, outer?: AbortSignalLike): Deadline {
  const controller = new host.AbortController();
  let fired = false;
  const timer = host.setTimeout(
    () => {
      fired = true;
      controller.abort();
    },
    Math.max(0, timeoutMs),
  );
  const onOuter = () => controller.abort();
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => fired,
    dispose: () => {
      host.clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

/** Marker `untilAborted` resolves with when the signal aborts first. */
export const ABORTED: unique symbol = Symbol('aborted');

/** Settle with `work`, or with ABORTED as soon as `signal` aborts, whichever comes first (work is not cancelled). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignalLike): Promise<T | typeof ABORTED> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.resolve(ABORTED);
  }
  return new Promise<T | typeof ABORTED>((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Milliseconds elapsed since `start` (a Date.now() value). */
export function elapsed(start: number): number {
  return Date.now() - start;
}
