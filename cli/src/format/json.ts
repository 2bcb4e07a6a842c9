import type { LineIndex, Span } from '@sts-lens/shared';
import { totals, type LintReport } from '../lint/result.ts';

interface JsonRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/** LSP-style range: 0-based lines, characters in UTF-16 code units. */
export function jsonRange(lines: LineIndex, span: Span): JsonRange {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(span.end);
  return { start: { line: s.line, character: s.character }, end: { line: e.line, character: e.character } };
}

/**
 * The JSON contract of design.md §2, keys always in this order:
 * `{"files":[{"path","kind","diagnostics":[{code,severity,message,range,fixes:[{title,edits:[{range,newText}]}]}]}],
 * "summary":{errors,warnings,infos,hints,files[,fixesApplied]}}`.
 */
export function formatJson(report: LintReport): string {
  const files = report.files.map((f) => ({
    path: f.path,
    kind: f.kind,
    diagnostics: f.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: jsonRange(f.lines, d.range),
      fixes: d.fixes.map((fix) => ({
        title: fix.title,
        edits: fix.edits.map((e) => ({ range: jsonRange(f.lines, e.range), newText: e.newText })),
      })),
    })),
  }));
  const t = totals(report.files);
  const summary = {
    errors: t.errors,
    warnings: t.warnings,
    infos: t.infos,
    hints: t.hints,
    files: t.files,
    ...(report.fixesApplied === null ? {} : { fixesApplied: report.fixesApplied }),
  };
  return JSON.stringify({ files, summary }) + '\n';
}
