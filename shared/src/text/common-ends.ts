/** How two texts agree: the length of their common beginning and of their common end (not overlapping). */
export interface CommonEnds {
  readonly prefix: number;
  readonly suffix: number;
}

/**
 * Lengths of the common prefix and suffix of two texts (not overlapping), compared a block at a time: a slice of a
 * flat string is a view, and comparing two is a memory compare.
 */
export function commonEnds(a: string, b: string): CommonEnds {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  for (let step = 4096; step > 0;) {
    if (prefix + step <= max && a.slice(prefix, prefix + step) === b.slice(prefix, prefix + step)) prefix += step;
    else step >>= 1;
  }
  const room = max - prefix;
  let suffix = 0;
  for (let step = 4096; step > 0;) {
    if (suffix + step <= room && a.slice(a.length - suffix - step, a.length - suffix) === b.slice(b.length - suffix - step, b.length - suffix)) suffix += step;
    else step >>= 1;
  }
  return { prefix, suffix };
}
