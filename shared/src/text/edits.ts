import type { TextEdit } from '../diagnostic.ts';

/** Apply non-overlapping edits to `text`. Edits that overlap an earlier one (by start) are skipped. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    if (e.range.start < cursor) continue;
    out += text.slice(cursor, e.range.start) + e.newText;
    cursor = e.range.end;
  }
  return out + text.slice(cursor);
}
