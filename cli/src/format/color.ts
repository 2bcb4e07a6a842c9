/** Colour only for a terminal, unless FORCE_COLOR or NO_COLOR (https://no-color.org) say otherwise. */
export function useColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  // As in Node itself: FORCE_COLOR wins over NO_COLOR; `0` / `false` turn colour off.
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

export interface Palette {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly blue: (s: string) => string;
  readonly green: (s: string) => string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const plain = (s: string) => s;

/** ANSI styles, or identity functions when colour is off. */
export function palette(enabled: boolean): Palette {
  return enabled
    ? { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), blue: sgr(34, 39), green: sgr(32, 39) }
    : { bold: plain, dim: plain, red: plain, yellow: plain, blue: plain, green: plain };
}
