import type { TextEdit } from '../diagnostic.ts';
import { commonEnds } from './common-ends.ts';
import { LineIndex } from './line-index.ts';

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

/**
 * Edits that turn `oldText` into `newText` touching only what differs, so an editor keeps its cursor and marks (a
 * formatter's result for a 100k-line file is a few changed lines, not one 3 MB replacement). With the same number of
 * lines, each run of differing lines (with their line breaks) is one edit; otherwise, or when the differing lines
 * make more than `maxEdits` edits or half the text (a file reformatted throughout), one edit covers the changed middle.
 */
export function diffEdits(oldText: string, newText: string, maxEdits = 1000): TextEdit[] {
  const { prefix, suffix } = commonEnds(oldText, newText);
  if (prefix === oldText.length && prefix === newText.length) return [];
  const middle = () => [middleEdit(oldText, newText, prefix, suffix)];
  const a = lineSpans(oldText);
  const b = lineSpans(newText);
  if (a.length !== b.length) return middle();
  const out: TextEdit[] = [];
  let changed = 0;
  for (let i = 0; i + 1 < a.length; i++) {
    // Lines wholly before the first difference or after the last are the same.
    if ((a[i + 1]! < prefix && b[i + 1]! < prefix) || (a[i]! > oldText.length - suffix && b[i]! > newText.length - suffix)) continue;
    const oldLine = oldText.slice(a[i]!, a[i + 1]!);
    const newLine = newText.slice(b[i]!, b[i + 1]!);
    if (oldLine === newLine) continue;
    changed += oldLine.length;
    if (changed * 2 > oldText.length) return middle();
    // Neighbouring changed lines make one edit.
    const last = out[out.length - 1];
    if (last && last.range.end === a[i]) out[out.length - 1] = { range: { start: last.range.start, end: a[i + 1]! }, newText: last.newText + newLine };
    else if (out.length === maxEdits) return middle();
    else out.push({ range: { start: a[i]!, end: a[i + 1]! }, newText: newLine });
  }
  return out;
}

/** One edit replacing what lies between the common beginning and end of the two texts. */
function middleEdit(oldText: string, newText: string, prefix: number, suffix: number): TextEdit {
  return { range: { start: prefix, end: oldText.length - suffix }, newText: newText.slice(prefix, newText.length - suffix) };
}

/** Where each line starts (as `LineIndex` reads line breaks), then the text's length: line `i` is `[b[i], b[i + 1])`. */
function lineSpans(text: string): ArrayLike<number> {
  const starts = new LineIndex(text).lineStarts;
  if (starts[starts.length - 1] === text.length) return starts;
  const out = new Int32Array(starts.length + 1);
  out.set(starts);
  out[starts.length] = text.length;
  return out;
}
