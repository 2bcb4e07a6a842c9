import type { TextEdit } from '../diagnostic.ts';
import type { Zone, ZoneRecord } from './model.ts';
import { tokenRaw } from './source-text.ts';

// Edits on whole records, shared by the rules whose fix removes a record or replaces one of its fields.

/** Index of the entry holding token `tok` (entries and tokens are both in reading order). */
export function entryOfToken(zone: Zone, tok: number): number {
  const ef = zone.entries.firstToken;
  let lo = 0;
  let hi = zone.entries.count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ef[mid]! <= tok) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Edits removing a record of the file itself (its whole line or lines); null for records from included files.
 * When the next record inherits this one's owner, the owner moves to it so it keeps its name.
 */
export function removeRecordEdits(zone: Zone, rec: ZoneRecord): TextEdit[] | null {
  if (rec.source !== 0) return null;
  const first = Math.min(...[rec.ownerTok, rec.ttlTok, rec.clsTok, rec.typeTok].filter((t) => t >= 0));
  const e = entryOfToken(zone, first);
  const start = zone.entries.start[e]!;
  const end = zone.entries.end[e]!;
  const edits: TextEdit[] = [{ range: { start, end }, newText: '' }];
  if (rec.ownerTok >= 0) {
    for (let n = e + 1; n < zone.entries.count; n++) {
      const k = zone.entries.kind[n]!;
      if (k === 0 || zone.entries.start[n]! >= zone.text.length) continue;
      const ns = zone.entries.start[n]!;
      const c = zone.text.charCodeAt(ns);
      if (k === 2 && (c === 32 || c === 9)) edits.push({ range: { start: ns, end: ns }, newText: tokenRaw(zone, rec.ownerTok) });
      break;
    }
  }
  return edits;
}
