// Which mx patterns repeat one another or are covered by a wildcard, found for a whole file at once with a hash
// table over the hashes the parser took (`mx-hash.ts`; patterns ignore case): no string or object per line, so a
// million `mx:` lines stay cheap.
import type { ParsedPolicy, PolicyMxLine } from './parse.ts';

/** The mx patterns of one parse, grouped by their lower-case form. Positions are indexes into `policy.mx`. */
export interface MxIndex {
  /** By position: the first pattern equal to this one ignoring case (itself when it is the first), or -1 for no pattern. */
  readonly firstOf: Int32Array;
  /** Whether any pattern has an upper-case letter. */
  readonly anyUpper: boolean;
  /** The first `*.` pattern that covers the host at `i` (`*.example.com` covers `mx1.example.com`), or -1. */
  coverOf(i: number): number;
}

const indexes = new WeakMap<ParsedPolicy, MxIndex>();

/** The index of `policy`'s mx patterns, built on first use (every mx rule reads the same one). */
export function mxIndex(policy: ParsedPolicy): MxIndex {
  let index = indexes.get(policy);
  if (!index) {
    index = buildIndex(policy);
    indexes.set(policy, index);
  }
  return index;
}

/** `mx.at(i)` as a line (made only for lines a rule reports). */
export function mxLine(policy: ParsedPolicy, i: number): PolicyMxLine {
  return policy.mx.at(i)!;
}

const STAR = 42;

/** Spreads a hash's bits (a polynomial hash mixes its low bits poorly): the top bits pick a partition, the low a slot. */
function mix(h: number): number {
  let x = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Whether `text[a, a + length)` equals `text[b, b + length)` ignoring ASCII case (patterns are ASCII). */
function sameIgnoringCase(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) {
    const x = text.charCodeAt(a + k);
    const y = text.charCodeAt(b + k);
    if (x !== y && lower(x) !== lower(y)) return false;
  }
  return true;
}

/** Slots for `count` patterns: a power of two, at most half full. */
function tableSize(count: number): number {
  let size = 16;
  while (size < count * 2) size *= 2;
  return size;
}

/** Patterns per partition: its hash table (two int32 per slot, half full) then stays within a CPU's L2 cache. */
const PART = 4096;

/**
 * One pass over the patterns groups them by the top bits of their mixed hash; each group is then matched in a hash
 * table small enough to stay in cache. A single table over a million patterns would miss the cache on nearly every
 * probe, and those misses, not the hashing, were most of the cost.
 */
function buildIndex(policy: ParsedPolicy): MxIndex {
  const values = policy.mxValues;
  const { text, length, patterns: kinds, hashes, covers: coverHashes } = values;
  const firstOf = new Int32Array(length).fill(-1);
  // One more than the covering pattern's position; 0 (untouched memory) when none.
  const coverOf = new Int32Array(length);
  let parts = 1;
  let bits = 0;
  while (parts * PART < length) {
    parts *= 2;
    bits++;
  }
  const partOf = (mixed: number): number => (bits === 0 ? 0 : mixed >>> (32 - bits));
  // Counting sort into partitions, stable, so each partition lists its patterns in file order; the covers a
  // host needs (the hash of `*` + the host from its first dot) are partitioned the same way.
  const patternCounts = new Int32Array(parts + 1);
  const coverCounts = new Int32Array(parts + 1);
  let anyWildcard = false;
  for (let i = 0; i < length; i++) {
    const kind = kinds[i]!;
    if (kind === 0) continue;
    firstOf[i] = i;
    patternCounts[partOf(mix(hashes[i]!)) + 1]!++;
    if (kind === 2) anyWildcard = true;
    else coverCounts[partOf(mix(coverHashes[i]!)) + 1]!++;
  }
  for (let p = 0; p < parts; p++) {
    patternCounts[p + 1]! += patternCounts[p]!;
    coverCounts[p + 1]! += coverCounts[p]!;
  }
  const patterns = new Int32Array(patternCounts[parts]! * 2);
  const covers = new Int32Array(anyWildcard ? coverCounts[parts]! * 2 : 0);
  const patternAt = patternCounts.slice();
  const coverAt = coverCounts.slice();
  let biggest = 0;
  for (let i = 0; i < length; i++) {
    const kind = kinds[i]!;
    if (kind === 0) continue;
    const h = hashes[i]!;
    const k = patternAt[partOf(mix(h))]!++;
    patterns[2 * k] = i;
    patterns[2 * k + 1] = h;
    if (anyWildcard && kind === 1) {
      const c = coverHashes[i]!;
      const q = coverAt[partOf(mix(c))]!++;
      covers[2 * q] = i;
      covers[2 * q + 1] = c;
    }
  }
  for (let p = 0; p < parts; p++) biggest = Math.max(biggest, patternCounts[p + 1]! - patternCounts[p]!);
  // Each slot holds a first pattern's position and its hash side by side; each partition takes the part it needs.
  const slots = new Int32Array(tableSize(biggest) * 2);
  for (let p = 0; p < parts; p++) {
    const size = tableSize(patternCounts[p + 1]! - patternCounts[p]!);
    const mask = size - 1;
    slots.fill(-1, 0, size * 2);
    for (let k = patternCounts[p]!; k < patternCounts[p + 1]!; k++) {
      const i = patterns[2 * k]!;
      const h = patterns[2 * k + 1]!;
      for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
        const j = slots[2 * slot]!;
        if (j < 0) {
          slots[2 * slot] = i;
          slots[2 * slot + 1] = h;
          break;
        }
        if (slots[2 * slot + 1] === h) {
          const start = values.start(i);
          const len = values.end(i) - start;
          const js = values.start(j);
          if (values.end(j) - js === len && sameIgnoringCase(text, js, start, len)) {
            firstOf[i] = j;
            break;
          }
        }
      }
    }
    if (!anyWildcard) continue;
    for (let k = coverCounts[p]!; k < coverCounts[p + 1]!; k++) {
      const i = covers[2 * k]!;
      const h = covers[2 * k + 1]!;
      for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
        const j = slots[2 * slot]!;
        if (j < 0) break;
        if (slots[2 * slot + 1] !== h) continue;
        const start = values.start(i);
        const end = values.end(i);
        const dot = text.indexOf('.', start);
        const js = values.start(j);
        if (dot > start && dot < end && values.end(j) - js === end - dot + 1 && text.charCodeAt(js) === STAR && sameIgnoringCase(text, js + 1, dot, end - dot)) {
          coverOf[i] = j + 1;
          break;
        }
      }
    }
  }
  return { firstOf, anyUpper: values.anyUpper, coverOf: (i) => coverOf[i]! - 1 };
}
