import type { Zone } from './model.ts';
import type { Allocate } from './parse.ts';

// Typed arrays of parses nobody reads any more, for the next re-parse to write into. A 100k-record zone's re-parse
// fills some twenty arrays of up to a few megabytes; a fresh one costs its page faults (on some virtual machines a
// 2 MB array takes 15 ms to allocate and 0.6 ms to fill), an array given back costs a memset.

export type Typed = Uint8Array | Uint16Array | Int32Array;
export type Ctor<T extends Typed> = { new (n: number): T; readonly BYTES_PER_ELEMENT: number };

/** At most this many bytes wait in the pool (a version of a 1M-record zone; arrays no re-parse took soon go). */
const MAX_POOL_BYTES = 256 * 1024 * 1024;
const pool: Typed[] = [];
/** The recycling that gave each pooled array: arrays the two re-parses since did not take are let go. */
const generation: number[] = [];
let generations = 0;
let pooled = 0;
const given = new WeakSet<Zone>();
/** Bytes of arrays of 64 kB and more made new because no pooled one fitted (`freshPoolBytes`). */
let freshBytes = 0;

/** Bytes of arrays of 64 kB and more `typedArray` has made new so far (an edit that fits the pool adds none). */
export function freshPoolBytes(): number {
  return freshBytes;
}
/** The whole array a view handed out by `typedArray` is the start of: what goes back to the pool. */
const wholeOf = new WeakMap<Typed, Typed>();
/** Pooled arrays nothing has written yet (`stockPool`): taken without clearing. */
const clean = new WeakSet<Typed>();

/** A capacity of at least `n`, in steps of 64k elements: arrays of one zone's versions then fit one another. */
export function roomFor(n: number): number {
  return Math.ceil(n / 65536) * 65536;
}

/**
 * A zero-filled array of `n` elements: a view of one from the pool when one fits (holding `n` to `2n` elements), else
 * new. Exactly `n`: parallel columns keep one length, and a table's length may be its size (a hash table's slots).
 */
export function typedArray<T extends Typed>(ctor: Ctor<T>, n: number): T {
  let best = -1;
  for (let k = 0; k < pool.length; k++) {
    const a = pool[k]!;
    if (a.constructor !== ctor || a.length < n || a.length > 2 * n + 1024) continue;
    if (best < 0 || a.length < pool[best]!.length) best = k;
  }
  if (best < 0) {
    if (n * ctor.BYTES_PER_ELEMENT < 64 * 1024) return new ctor(n);
    // Made with room to the next 64k step, so the next versions' arrays of a few more elements (a record typed, a
    // name added) fit it when it comes back to the pool (`wholeOf`).
    const whole = new ctor(roomFor(n));
    freshBytes += whole.byteLength;
    if (whole.length === n) return whole;
    const view = whole.subarray(0, n) as T;
    wholeOf.set(view, whole);
    return view;
  }
  const a = pool[best]! as T;
  pool[best] = pool[pool.length - 1]!;
  generation[best] = generation[generation.length - 1]!;
  pool.pop();
  generation.pop();
  pooled -= a.byteLength;
  const view = (a.length === n ? a : a.subarray(0, n)) as T;
  if (clean.has(a)) clean.delete(a);
  else view.fill(0);
  if (view !== a) wholeOf.set(view, a);
  return view;
}

const derived = new WeakMap<Zone, Typed[]>();

/** `typedArray` for an index derived from `zone` (built once per parse): given back with the zone's own arrays. */
export function derivedArray<T extends Typed>(zone: Zone, ctor: Ctor<T>, n: number): T {
  const a = typedArray(ctor, n);
  const list = derived.get(zone);
  if (list) list.push(a);
  else derived.set(zone, [a]);
  return a;
}

/**
 * Give a parse's arrays back for re-parses to reuse. Only for a parse no one reads again: the language server's
 * version two edits back (its successor was re-read from it and is itself replaced). Afterwards `previousParse` of
 * the zone re-read from it says it is gone.
 */
export function recycleZone(zone: Zone): void {
  if (given.has(zone)) return;
  given.add(zone);
  generations++;
  for (let k = pool.length - 1; k >= 0; k--) {
    if (generation[k]! >= generations - 1) continue;
    pooled -= pool[k]!.byteLength;
    pool[k] = pool[pool.length - 1]!;
    generation[k] = generation[generation.length - 1]!;
    pool.pop();
    generation.pop();
  }
  const arrays = ownArrays(zone);
  for (const a of derived.get(zone) ?? []) arrays.push(a);
  for (const view of arrays) {
    const a = wholeOf.get(view) ?? view;
    // Small arrays cost nothing to allocate; an array twice in the list is given once.
    if (a.byteLength < 64 * 1024 || pool.includes(a)) continue;
    while (pool.length > 0 && pooled + a.byteLength > MAX_POOL_BYTES) {
      pooled -= pool.shift()!.byteLength;
      generation.shift();
    }
    pool.push(a);
    generation.push(generations);
    pooled += a.byteLength;
  }
}

/** The arrays a parse of `zone` made (a re-parse makes the same). */
function ownArrays(zone: Zone): Typed[] {
  const { tokens: t, entries: e, records: r, names: n } = zone;
  const arrays: Typed[] = [t.kind, t.start, t.end, e.kind, e.start, e.end, e.firstToken, r.source, r.firstTok, r.hasOwner, r.owner, r.ttl, r.cls, r.type, r.typeTok, r.rdata, r.rdataEnd, r.origin, n.hashes, n.slots, n.start, n.end, n.origin];
  const c = zone.checkpoints;
  if (c) arrays.push(c.entry, c.originId, c.defaultTtl, c.lastTtl, c.cls, c.ownerTok, c.ownerOrigin);
  return arrays;
}

/**
 * Put arrays of these shapes (a constructor and a length each) in the pool, made ahead by `allocate` in one block:
 * for the first re-parse of a zone just opened in an editor, which has no earlier version to take arrays from
 * (`stockForReparse`). They are taken without clearing, as nothing has written them.
 */
export function stockPool(shapes: readonly (readonly [Ctor<Typed>, number])[], allocate: Allocate): void {
  const wanted = shapes.filter(([ctor, n]) => n * ctor.BYTES_PER_ELEMENT >= 64 * 1024);
  let bytes = 0;
  for (const [ctor, n] of wanted) bytes += Math.ceil((n * ctor.BYTES_PER_ELEMENT) / 64) * 64;
  if (wanted.length === 0 || pooled + bytes > MAX_POOL_BYTES) return;
  // One block carved into arrays: one allocation, one message to the language server's page worker.
  const block = allocate(Uint8Array, bytes);
  let at = block.byteOffset;
  for (const [ctor, n] of wanted) {
    const spare = new (ctor as unknown as new (b: ArrayBufferLike, offset: number, length: number) => Typed)(block.buffer, at, n);
    at += Math.ceil(spare.byteLength / 64) * 64;
    clean.add(spare);
    pool.push(spare);
    generation.push(generations);
    pooled += spare.byteLength;
  }
}

/** Whether `zone`'s arrays were given back (`recycleZone`): then nothing may read it. */
export function isRecycled(zone: Zone): boolean {
  return given.has(zone);
}

/** The parse a re-parse was read from, while it is alive and its arrays were not given back; else null. */
export function previousParse(zone: Zone): Zone | null {
  const previous = zone.edit?.previous.deref();
  return previous && !given.has(previous) ? previous : null;
}
