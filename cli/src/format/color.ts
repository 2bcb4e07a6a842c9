import { plainPaint, type TextPaint } from '@sts-lens/shared';

/** Colour only for a terminal, unless FORCE_COLOR or NO_COLOR (https://no-color.org) say otherwise. */
export function useColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  // As in Node itself: FORCE_COLOR wins over NO_COLOR; `0` / `false` turn colour off.
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

/** The core's text styles (`TextPaint`): every CLI formatter paints with one. */
export type Palette = TextPaint;

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

/** ANSI styles, or identity functions when colour is off. */
export function palette(enabled: boolean): Palette {
  return enabled
    ? { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), blue: sgr(34, 39), green: sgr(32, 39) }
    : plainPaint;
}
