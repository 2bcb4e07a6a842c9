import type { Severity } from '@sts-lens/shared';
import { plural, totals, type LintReport } from '../lint/result.ts';
import type { Palette } from './color.ts';

/**
 * Compiler-style text: `path:line:col  severity  code  message` (1-based line and UTF-16 column), the fixes on
 * indented lines under it, then one summary line.
 */
export function formatText(report: LintReport, paint: Palette): string {
  const severityStyle: Record<Severity, (s: string) => string> = {
    error: (s) => paint.bold(paint.red(s)),
    warning: paint.yellow,
    info: paint.blue,
    hint: paint.dim,
  };
  const out: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const at = file.lines.positionAt(d.range.start);
      out.push(
        `${paint.bold(`${file.path}:${at.line + 1}:${at.character + 1}`)}  ${severityStyle[d.severity](d.severity)}  ${paint.dim(d.code)}  ${d.message}`,
      );
      for (const fix of d.fixes) out.push(`  ${paint.green('fix:')} ${fix.title}`);
    }
  }
  if (report.fixesApplied !== null) {
    out.push(`applied ${plural(report.fixesApplied, 'fix', 'fixes')} in ${plural(report.filesFixed, 'file')}`);
  }
  // Nothing linted and something failed: the stderr lines say it all; "no problems in 0 files" would mislead.
  if (report.files.length > 0 || report.problems.length === 0) out.push(summaryLine(report, paint));
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

function summaryLine(report: LintReport, paint: Palette): string {
  const t = totals(report.files);
  const where = `in ${plural(t.files, 'file')}`;
  const counts = [
    t.errors ? paint.bold(paint.red(plural(t.errors, 'error'))) : '',
    t.warnings ? paint.yellow(plural(t.warnings, 'warning')) : '',
    t.infos ? plural(t.infos, 'info') : '',
    t.hints ? plural(t.hints, 'hint') : '',
  ].filter((s) => s !== '');
  const skipped = report.problems.length > 0 ? `; ${plural(report.problems.length, 'path')} failed, see above` : '';
  return (counts.length === 0 ? paint.green(`no problems ${where}`) : `${counts.join(', ')} ${where}`) + skipped;
}
