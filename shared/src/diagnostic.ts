/** How bad a finding is; the same four levels as LSP and SARIF (note = info/hint). */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A half-open range of UTF-16 code-unit offsets into the document text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Replace the text in `range` with `newText` (an insertion when the range is empty). */
export interface TextEdit {
  readonly range: Span;
  readonly newText: string;
}

/** One way out of a problem: a set of non-overlapping edits applied together. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The one obvious fix (LSP `isPreferred`): safe to apply in a "fix all". */
  readonly isPreferred?: boolean;
}

/** Where a checker finding came from; lint findings of a document have none. */
export type DiagnosticSource = 'dns' | 'https' | 'policy' | 'sts' | 'tlsrpt' | 'smtp' | 'zone' | 'file';

/** A finding: stable rule code, severity, a message naming the problem and the way out, and fixes. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Span;
  readonly fixes: readonly Fix[];
  readonly source?: DiagnosticSource;
}

export const severityRank: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Sort by position, then severity, then code: the order every output uses. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start - b.range.start ||
    a.range.end - b.range.end ||
    severityRank[a.severity] - severityRank[b.severity] ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
