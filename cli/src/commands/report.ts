import { LineIndex, lintReport, ReportAggregator, reportIdentity, type Diagnostic } from '@sts-lens/shared';
import { parseCommandArgs, type OptionSpec } from '../args.ts';
import { EXIT_TROUBLE, usageError, type Command, type Io } from '../command.ts';
import { palette, useColor } from '../format/color.ts';
import { formatReportJson, formatReportText, type CheckedReport } from '../report/format.ts';
import { MAX_REPORT_BYTES, mib } from '../report/gzip.ts';
import { REPORT_NAMES, reportTexts } from '../report/inputs.ts';

const FORMATS = ['text', 'json'] as const;
const OPTIONS: OptionSpec = { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } };

const synopsis = 'Usage: sts-lens report [--format text|json] PATH... | -';
const help = `${synopsis}

Read TLS-RPT aggregate reports (RFC 8460 §4), check each against the RFC's schema, and summarise them all:
sessions per policy domain and policy type, failures per receiving MX host and result type, the reporting
organisations, the dates covered, and the policies senders saw (a sender still on an old policy shows up).
For each policy domain, a verdict on switching MTA-STS from \`mode: testing\` to \`mode: enforce\`, with the
next step.

PATH is a report (JSON, or gzip as senders mail it), a mail (.eml) or mbox with reports attached, or a
directory searched for ${REPORT_NAMES}; \`-\` reads standard input. A report may be at most
${mib(MAX_REPORT_BYTES)}, decompressed.

Options:
  --format FORMAT  text (default) or json
  -h, --help       show this help

Exit status: 0 every report valid, 1 invalid reports found, 2 usage problem or a path that cannot be read.
`;

/** `sts-lens report`: validate and summarise TLS-RPT aggregate reports. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'validate and summarise TLS-RPT reports; tells when testing can become enforce',
  synopsis,
  help,
  async run(argv: readonly string[], io: Io): Promise<number> {
    const args = parseCommandArgs(argv, OPTIONS);
    if (!args.ok) return usageError(io, reportCommand, args.message);
    if (args.values.help === true) {
      io.out(help);
      return 0;
    }
    const format = (args.values.format ?? 'text') as string;
    if (!(FORMATS as readonly string[]).includes(format)) return usageError(io, reportCommand, `unknown format \`${format}\`; use ${FORMATS.join(', ')}`);
    if (args.positionals.length === 0) return usageError(io, reportCommand, 'no PATH given; name report files, mails or directories, or `-` for standard input');

    const problems: string[] = [];
    const problem = (message: string): void => {
      problems.push(message);
      io.err(`sts-lens: ${message}\n`);
    };
    const warnings: string[] = [];
    const warn = (message: string): void => {
      warnings.push(message);
      io.err(`sts-lens: warning: ${message}\n`);
    };
    const aggregate = new ReportAggregator();
    // Where each counted report was read, by organisation and report-id, to name the first copy of a duplicate.
    const firstPaths = new Map<string, string>();
    const duplicates: { path: string; firstPath: string }[] = [];
    const checked: CheckedReport[] = [];
    let read = 0;
    let invalid = 0;
    for await (const r of reportTexts(args.positionals, io, problem, warn)) {
      let diagnostics: Diagnostic[];
      try {
        const lint = lintReport(r.text);
        diagnostics = lint.diagnostics;
        if (lint.report !== null) {
          const id = reportIdentity(lint.report);
          if (aggregate.add(lint.report)) {
            if (id !== null && firstPaths.size < 100_000) firstPaths.set(id, r.path);
          } else {
            duplicates.push({ path: r.path, firstPath: (id !== null ? firstPaths.get(id) : undefined) ?? 'an earlier file' });
            continue;
          }
        }
      } catch (e) {
        problem(`${r.path}: internal error: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      read++;
      if (diagnostics.some((d) => d.severity === 'error')) invalid++;
      // Positions are only needed for reports with findings; the text of a clean report is let go at once.
      if (diagnostics.length > 0) checked.push({ path: r.path, lines: new LineIndex(r.text), diagnostics });
    }
    const run = { checked, read, invalid, summary: aggregate.summary(), problems, warnings, duplicates };
    io.out(format === 'json' ? formatReportJson(run) : formatReportText(run, palette(useColor(io.env, io.stdoutIsTTY))));
    if (problems.length > 0) return EXIT_TROUBLE;
    return invalid > 0 ? 1 : 0;
  },
};
