import { commonEnds, type CommonEnds } from './common-ends.ts';

/** A 0-based line and UTF-16 character, as LSP and the JSON contract count them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/**
 * Maps offsets to positions and back. Line breaks are LF, CRLF and a lone CR, as in LSP.
 * The line table is built on first use in O(n) (with `indexOf`, so a 50 MB file takes milliseconds); each lookup
 * is a binary search.
 */
export class LineIndex {
  private starts: Int32Array | null = null;

  constructor(readonly text: string) {}

  /**
   * The index of `text`, an edited version of `previous.text` (an editor's next version): the line starts before the
   * edit are kept, those after it moved, and only the edited characters are searched for line breaks. `ends`: the
   * texts' common ends, when the caller has them already.
   */
  static edited(previous: LineIndex, text: string, ends?: CommonEnds): LineIndex {
    const next = new LineIndex(text);
    const old = previous.starts;
    if (old === null) return next;
    const { prefix, suffix } = ends ?? commonEnds(previous.text, text);
    const oldEditEnd = previous.text.length - suffix;
    const newEditEnd = text.length - suffix;
    const delta = text.length - previous.text.length;
    // A line start depends on the two characters around it (CR LF is one break): those before `prefix` are as they
    // were, and so are those after the edit's end.
    const keep = lowerBound(old, Math.max(prefix, 1));
    const from = lowerBound(old, oldEditEnd + 1);
    const middle: number[] = [];
    for (let k = Math.max(prefix, 1) - 1; k < newEditEnd; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) middle.push(k + 1);
    }
    const starts = new Int32Array(keep + middle.length + (old.length - from));
    starts.set(old.subarray(0, keep));
    starts.set(middle, keep);
    const at = keep + middle.length;
    starts.set(old.subarray(from), at);
    if (delta !== 0) for (let i = at; i < starts.length; i++) starts[i] = starts[i]! + delta;
    next.starts = starts;
    return next;
  }

  /** Offset of the first character of each line (a typed array: a 20 MB file has a million lines). */
  get lineStarts(): Readonly<ArrayLike<number>> {
    if (this.starts === null) this.starts = lineStartsOf(this.text);
    return this.starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.text.length;
    // A position past the end of a line clamps to its end, before the line break.
    let end = next;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.min(start + Math.max(0, position.character), end);
  }
}

/** First index of ascending `a` whose value is at least `x`. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Start offsets of the lines of `text`: jumps from break to break with `indexOf` instead of visiting every character. */
function lineStartsOf(text: string): Int32Array {
  let starts = new Int32Array(Math.min(1 << 20, (text.length >> 5) + 16));
  let count = 0;
  const push = (offset: number): void => {
    if (count === starts.length) {
      const grown = new Int32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = offset;
  };
  push(0);
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  if (cr < 0) {
    // LF only, the usual case: one search per line.
    while (lf >= 0) {
      push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
    return starts.subarray(0, count);
  }
  while (lf >= 0 || cr >= 0) {
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      // A CR, alone or before an LF.
      const next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      push(next);
      if (next === cr + 2) lf = text.indexOf('\n', next);
      cr = text.indexOf('\r', next);
    } else {
      push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
  }
  return starts.subarray(0, count);
}
