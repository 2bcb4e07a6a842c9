import { applyEdits, type Diagnostic, type Fix, type TextEdit } from '@sts-lens/shared';

/** The result of fixing one document. */
export interface FixOutcome {
  readonly text: string;
  /** The diagnostics of the fixed text. */
  readonly diagnostics: readonly Diagnostic[];
  /** How many fixes were applied over all rounds. */
  readonly applied: number;
}

/** Most fixes settle in one or two rounds; the cap stops two fixes that undo each other from looping. */
const MAX_ROUNDS = 10;

/**
 * Apply the preferred fix of every diagnostic, round after round, until nothing changes (at most 10 rounds).
 * Within a round, fixes whose edits touch or overlap an already chosen one wait for the next round, where they are
 * recomputed against the new text.
 */
export function fixText(text: string, lint: (text: string) => readonly Diagnostic[]): FixOutcome {
  let current = text;
  let diagnostics = lint(current);
  let applied = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const chosen = chooseFixes(diagnostics);
    if (chosen.length === 0) break;
    const next = applyEdits(current, chosen.flatMap((f) => f.edits));
    if (next === current) break;
    current = next;
    applied += chosen.length;
    diagnostics = lint(current);
  }
  return { text: current, diagnostics, applied };
}

/** The preferred fixes of a round that do not touch each other, in document order. */
function chooseFixes(diagnostics: readonly Diagnostic[]): Fix[] {
  const taken = new TakenRanges();
  const chosen: Fix[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes.find((f) => f.isPreferred === true);
    if (fix === undefined || fix.edits.length === 0) continue;
    // A fix's own edits never overlap (the Fix contract); only clashes with other fixes matter.
    if (fix.edits.some((e) => taken.touches(e))) continue;
    for (const e of fix.edits) taken.add(e);
    chosen.push(fix);
  }
  return chosen;
}

/**
 * Disjoint ranges sorted by start, so a clash test is one binary search (a 20 MB file can carry thousands of fixes).
 * Touching counts as a clash: two edits at one offset have no defined order.
 */
class TakenRanges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  touches(e: TextEdit): boolean {
    const i = this.lastStartingAtOrBefore(e.range.end);
    return i >= 0 && this.ends[i]! >= e.range.start;
  }

  add(e: TextEdit): void {
    const i = this.lastStartingAtOrBefore(e.range.end) + 1;
    this.starts.splice(i, 0, e.range.start);
    this.ends.splice(i, 0, e.range.end);
  }

  private lastStartingAtOrBefore(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
