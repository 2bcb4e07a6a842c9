import { compareDiagnostics, type Diagnostic } from '../diagnostic.ts';
import type { LintOptions } from '../lint-options.ts';
import { runRules } from '../rule.ts';
import type { ReportContext } from './context.ts';
import { parseJson, type JsonParse, type JsonParseOptions } from './json.ts';
import { readReport, type TlsRptReport } from './read.ts';
import { reportRules } from './rules/index.ts';

export interface ReportLint {
  readonly json: JsonParse;
  /** Every finding of the `report/*` rules, sorted by position. */
  readonly diagnostics: Diagnostic[];
  /** The values a summary reads, or null when the text is not a JSON object. */
  readonly report: TlsRptReport | null;
}

/** Parse and validate one TLS-RPT aggregate report (RFC 8460 §4) from its JSON text. Never throws. */
export function lintReport(text: string, options: LintOptions = {}, json: JsonParseOptions = {}): ReportLint {
  const parsed = parseJson(text, json);
  const ctx: ReportContext = { text, json: parsed, options };
  const diagnostics = runRules(reportRules, ctx, options.overrides ?? {}).sort(compareDiagnostics);
  return { json: parsed, diagnostics, report: readReport(parsed.root) };
}

/** Whether a JSON document looks like a TLS-RPT report (the top-level keys of RFC 8460 §4.4), for editors and `detectKind`-like sniffing. */
export function looksLikeReport(text: string): boolean {
  const head = text.slice(0, 4096);
  return /^\uFEFF?\s*\{/.test(head) && /"(?:organization-name|policies|report-id)"\s*:/.test(head);
}
