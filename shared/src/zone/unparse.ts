import type { Zone } from './model.ts';

/**
 * The text of the zone file back from its tree: its entries (logical lines, line endings included) in order.
 * Each entry is its tokens and the blanks between them, so this is the exact input.
 */
export function unparseZone(zone: Zone): string {
  const parts: string[] = [];
  const { start, end } = zone.entries;
  const limit = zone.text.length;
  // Entries of included files and expansions sit after their directive's entry, at offsets past the file's end.
  for (let e = 0; e < zone.entries.count; e++) {
    if (end[e]! <= limit && (start[e]! < limit || limit === 0)) parts.push(zone.text.slice(start[e]!, end[e]!));
  }
  return parts.join('');
}
