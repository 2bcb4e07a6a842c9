// @ts-check
// A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence in [0, 1) on every
// machine. Used by the generated scan world (scan-world.mjs) and bench/zone.mjs's generated zones;
// shared/test/random.ts is the TypeScript tests' copy (the .mjs scripts run without a TypeScript loader).

/** @param {number} seed @returns {() => number} */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
