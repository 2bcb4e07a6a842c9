import { dayOf, percent, type Diagnostic, type DomainSummary, type LineIndex, type ReportSummary, type Severity } from '@sts-lens/shared';
import { jsonRange } from '../format/json.ts';
import type { Palette } from '../format/color.ts';

/** One report read: where it came from and what the rules found in it. */
export interface CheckedReport {
  readonly path: string;
  readonly lines: LineIndex;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ReportRun {
  /** Reports with findings only: a thousand clean reports print nothing each. */
  readonly checked: readonly CheckedReport[];
  /** Reports read, valid or not. */
  readonly read: number;
  readonly invalid: number;
  readonly summary: ReportSummary;
  readonly problems: readonly string[];
  /** Inputs skipped with a warning (a mail in a scanned folder that carries no report). */
  readonly warnings: readonly string[];
  /** Reports not counted because the same organisation's same `report-id` was read before: where each was read. */
  readonly duplicates: readonly { readonly path: string; readonly firstPath: string }[];
}

/** Columns: left-aligned text, right-aligned numbers; two spaces between. */
function table(head: readonly string[], rows: readonly (readonly (string | number)[])[], indent = ''): string[] {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const numeric = head.map((_, i) => rows.some((r) => r[i] !== '-') && rows.every((r) => typeof r[i] === 'number' || /^\d+(?:\.\d+)?%$|^-$/.test(String(r[i]))));
  const width = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => indent + r.map((c, i) => (numeric[i] ? c.padStart(width[i]!) : i === r.length - 1 ? c : c.padEnd(width[i]!))).join('  ').trimEnd());
}

/** How tables and verdicts name the report entries that give no `policy-domain`. */
const NO_DOMAIN = '(no policy-domain)';

const rateOf = (r: number | null): string => (r === null ? '-' : percent(r));
const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** The text report: findings compiler-style, then the summary tables and a verdict per policy domain. */
export function formatReportText(run: ReportRun, paint: Palette): string {
  const severityStyle: Record<Severity, (s: string) => string> = { error: (s) => paint.bold(paint.red(s)), warning: paint.yellow, info: paint.blue, hint: paint.dim };
  const out: string[] = [];
  for (const r of run.checked) {
    for (const d of r.diagnostics) {
      const at = r.lines.positionAt(d.range.start);
      out.push(`${paint.bold(`${r.path}:${at.line + 1}:${at.character + 1}`)}  ${severityStyle[d.severity](d.severity)}  ${paint.dim(d.code)}  ${d.message}`);
      for (const fix of d.fixes) out.push(`  ${paint.green('fix:')} ${fix.title}`);
    }
  }
  if (out.length > 0) out.push('');
  const s = run.summary;
  if (run.read === 0) return out.join('\n') + (out.length > 0 ? '\n' : '');
  const invalid = run.invalid > 0 ? paint.red(` (${run.invalid} invalid)`) : '';
  if (s.reports === 0) {
    out.push(`${plural(run.read, 'report')}${invalid}, none readable: nothing to summarise`);
    return out.join('\n') + '\n';
  }
  const covered = s.daysCovered < s.days ? `, ${s.daysCovered} with reports` : '';
  const span = s.start === null ? 'no valid date range' : `${dayOf(s.start)} to ${dayOf(s.end)} (${plural(s.days, 'day')}${covered})`;
  out.push(paint.bold(`${plural(run.read, 'report')}${invalid} from ${plural(s.organizations.length, 'organisation')}, ${span}`));
  if (s.duplicates > 0) {
    const shown = run.duplicates.slice(0, 5).map((d) => `${d.path} (same as ${d.firstPath})`);
    const more = run.duplicates.length > 5 ? `, and ${run.duplicates.length - 5} more` : '';
    out.push(paint.yellow(`${plural(s.duplicates, 'duplicate report')} skipped (same organisation and \`report-id\` as a report already counted): ${shown.join(', ')}${more}`));
  }
  out.push(`sessions: ${s.successful} successful, ${s.failed} failed (${rateOf(s.failureRate)} failed)`);
  out.push('');
  out.push(...table(['organisation', 'reports'], s.organizations.map((o) => [o.name, o.reports])));
  out.push('');
  const domainRows: (string | number)[][] = [];
  for (const d of s.domains) for (const t of d.policyTypes) domainRows.push([d.domain ?? NO_DOMAIN, t.type, t.successful, t.failed, rateOf(t.successful + t.failed === 0 ? null : t.failed / (t.successful + t.failed))]);
  out.push(...table(['policy domain', 'type', 'successful', 'failed', 'failed %'], domainRows));
  if (s.resultTypes.length > 0) {
    out.push('');
    out.push(...table(['result type', 'failed'], s.resultTypes.map((r) => [r.resultType, r.failed])));
  }
  for (const d of s.domains) out.push('', ...domainText(d, paint));
  return out.join('\n') + '\n';
}

function domainText(d: DomainSummary, paint: Palette): string[] {
  const v = d.verdict;
  const colour = v.status === 'ready' || (v.status === 'enforced' && d.failed === 0) ? paint.green : v.status === 'wait' || v.status === 'no-data' ? paint.yellow : paint.red;
  const out = [paint.bold(`${d.domain ?? NO_DOMAIN}: `) + colour(v.headline)];
  if (d.mxHosts.length > 0) {
    out.push(
      ...table(
        ['MX host', 'failed', 'result types', 'policy mx'],
        d.mxHosts.map((m) => [m.host, m.failed, m.resultTypes.map((r) => `${r.resultType} ${r.failed}`).join(', '), m.coveredBy === undefined ? '-' : m.coveredBy ?? 'not covered']),
        '  ',
      ),
    );
  }
  if (d.policies.length > 0) {
    out.push('  policies senders saw:');
    for (const p of d.policies) {
      const what =
        p.type === 'sts'
          ? `mode ${p.mode ?? '?'}; mx ${p.mx.length > 0 ? p.mx.join(', ') : 'none'}${p.maxAge !== null ? `; max_age ${p.maxAge}` : ''}`
          : p.records.length > 0
            ? p.records.join('; ')
            : 'no records';
      const stale = p.staleOrganizations.length > 0 ? paint.yellow(`; stale at ${p.staleOrganizations.join(', ')}`) : '';
      const role = p.current ? 'current' : p.older ? 'older  ' : 'seen   ';
      out.push(`    ${role}  ${p.type.padEnd(4)}  ${what}  (${plural(p.reports, 'report')}, ${dayOf(p.firstSeen)} to ${dayOf(p.lastSeen)})${stale}`);
    }
  }
  for (const r of v.notes) out.push(`  - ${r}`);
  out.push(`  ${paint.bold('next step:')} ${v.nextStep}`);
  return out;
}

/** `{"reports":[{path, valid, diagnostics}], "summary": {...}}`: diagnostics with LSP ranges as in `lint --format json`. */
export function formatReportJson(run: ReportRun): string {
  const reports = run.checked.map((r) => ({
    path: r.path,
    valid: !r.diagnostics.some((d) => d.severity === 'error'),
    diagnostics: r.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: jsonRange(r.lines, d.range),
      fixes: d.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ range: jsonRange(r.lines, e.range), newText: e.newText })) })),
    })),
  }));
  return JSON.stringify({ read: run.read, invalid: run.invalid, reports, duplicates: run.duplicates, warnings: run.warnings, summary: run.summary }, null, 2) + '\n';
}
