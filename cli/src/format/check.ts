import { LineIndex, type CheckResult, type Diagnostic } from '@sts-lens/shared';
import { jsonRange } from './json.ts';

/** The text a diagnostic's range points into: the policy body, or the one STS / TLS-RPT record. */
function sourceText(r: CheckResult, d: Diagnostic): string {
  if (d.source === 'policy') return r.policy.text ?? '';
  if (d.source === 'sts') return r.sts.records.find((x) => /^\s*v\s*=\s*sts/i.test(x.value))?.value ?? '';
  if (d.source === 'tlsrpt' && d.code.startsWith('tlsrpt-txt/')) return r.tlsrpt.records.find((x) => /^\s*v\s*=\s*tlsrpt/i.test(x.value))?.value ?? '';
  return '';
}

/** A check result as JSON-ready data: design.md §2, diagnostics with LSP-style ranges into their source's text. */
export function checkJsonValue(r: CheckResult): unknown {
  const indexes = new Map<string, LineIndex>();
  const indexFor = (text: string) => indexes.get(text) ?? indexes.set(text, new LineIndex(text)).get(text)!;
  return {
    ...r,
    diagnostics: r.diagnostics.map((d) => {
      const lines = indexFor(sourceText(r, d));
      return {
        code: d.code,
        severity: d.severity,
        source: d.source,
        message: d.message,
        range: jsonRange(lines, d.range),
        fixes: d.fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: jsonRange(lines, e.range), newText: e.newText })) })),
      };
    }),
  };
}
