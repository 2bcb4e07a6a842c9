// Offsets to positions and core values to LSP values: the only translation this server does.
import { rfcUrl, ruleMeta, type Diagnostic, type LineIndex, type Severity, type Span, type TextEdit } from '@sts-lens/shared';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver';

export function toRange(index: LineIndex, span: Span): Range {
  return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
}

export function toTextEdit(index: LineIndex, edit: TextEdit): LspTextEdit {
  return { range: toRange(index, edit.range), newText: edit.newText };
}

const severities: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A core diagnostic as LSP sends it; `data` carries its index in the analysis, so a code action finds its fixes. */
export function toLspDiagnostic(index: LineIndex, d: Diagnostic, i: number): LspDiagnostic {
  const meta = ruleMeta(d.code);
  const href = meta ? rfcUrl(meta.rfc) : null;
  return {
    range: toRange(index, d.range),
    severity: severities[d.severity],
    code: d.code,
    ...(href ? { codeDescription: { href } } : {}),
    source: 'sts-lens',
    message: d.message,
    data: i,
  };
}
