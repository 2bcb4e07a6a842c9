import { TOK_QUOTED, TOK_UNTERMINATED, type Zone, type ZoneSource } from './model.ts';

/** The source holding virtual offset `offset`. */
export function sourceAt(zone: Zone, offset: number): ZoneSource {
  if (offset <= zone.text.length || zone.sources.length === 1) return zone.sources[0]!;
  let lo = 0;
  let hi = zone.sources.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (zone.sources[mid]!.base <= offset) lo = mid;
    else hi = mid - 1;
  }
  return zone.sources[lo]!;
}

/** Text between two virtual offsets of one source. */
export function zoneSlice(zone: Zone, start: number, end: number): string {
  if (end <= zone.text.length) return zone.text.slice(start, end);
  const s = sourceAt(zone, start);
  return s.text.slice(start - s.base, end - s.base);
}

/** Raw text of token `t`, quotes included. */
export function tokenRaw(zone: Zone, t: number): string {
  return zoneSlice(zone, zone.tokens.start[t]!, zone.tokens.end[t]!);
}

/** Text of token `t` without the quotes of a quoted string (escapes kept). */
export function tokenText(zone: Zone, t: number): string {
  const k = zone.tokens.kind[t]!;
  const s = zone.tokens.start[t]!;
  const e = zone.tokens.end[t]!;
  if ((k & 7) !== TOK_QUOTED) return zoneSlice(zone, s, e);
  return zoneSlice(zone, s + 1, k & TOK_UNTERMINATED ? e : e - 1);
}

/** Whether token `t` is a quoted string. */
export function isQuoted(zone: Zone, t: number): boolean {
  return (zone.tokens.kind[t]! & 7) === TOK_QUOTED;
}
