import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rfcUrl, ruleCatalog, type Diagnostic, type LineIndex, type RuleMeta, type Severity, type Span } from '@sts-lens/shared';
import type * as Sarif from 'sarif';
import type { LintedFile, LintReport } from '../lint/result.ts';
import { cliVersion } from '../version.ts';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** Key of our fingerprint in partialFingerprints; bump the version if its recipe ever changes. */
const FINGERPRINT_KEY = 'stsLens/v1';

const LEVEL: Readonly<Record<Severity, Sarif.Result.level>> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 as GitHub code scanning takes it: rules from the catalog with help links, results with 1-based regions
 * in UTF-16 code units, relative URIs under %SRCROOT%, fixes, and partial fingerprints that survive line moves.
 */
export function formatSarif(report: LintReport): string {
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (meta: RuleMeta | { code: string }): number => {
    let i = ruleIndex.get(meta.code);
    if (i === undefined) {
      i = rules.push(reportingDescriptor(meta)) - 1;
      ruleIndex.set(meta.code, i);
    }
    return i;
  };
  for (const meta of ruleCatalog) addRule(meta);

  const results: Sarif.Result[] = [];
  for (const file of report.files) {
    const artifact = artifactLocation(file, report.cwd);
    const seen = new Map<string, number>();
    for (const d of file.diagnostics) {
      results.push({
        ruleId: d.code,
        ruleIndex: addRule({ code: d.code }),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: region(file.lines, d.range) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(file, artifact, d, seen) },
        ...(d.fixes.length > 0 ? { fixes: d.fixes.map((fix) => sarifFix(fix, file.lines, artifact)) } : {}),
      });
    }
  }

  const run: Sarif.Run = {
    tool: { driver: { name: 'sts-lens', version: cliVersion, semanticVersion: cliVersion, rules } },
    invocations: [
      {
        executionSuccessful: report.problems.length === 0,
        ...(report.problems.length > 0
          ? { toolExecutionNotifications: report.problems.map((p) => ({ level: 'error' as const, message: { text: p } })) }
          : {}),
      },
    ],
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.cwd) } },
    columnKind: 'utf16CodeUnits',
    results,
  };
  const log: Sarif.Log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
  return JSON.stringify(log, null, 2) + '\n';
}

function reportingDescriptor(meta: RuleMeta | { code: string }): Sarif.ReportingDescriptor {
  if (!('summary' in meta)) {
    return { id: meta.code, name: ruleName(meta.code), shortDescription: { text: meta.code } };
  }
  const helpUri = rfcUrl(meta.rfc);
  const rfc = meta.rfc.split(' §')[0] ?? meta.rfc;
  return {
    id: meta.code,
    name: ruleName(meta.code),
    shortDescription: { text: meta.summary },
    fullDescription: { text: `${meta.summary} (${meta.rfc})` },
    help: { text: `${meta.summary}\nRests on ${meta.rfc}.${meta.fixable ? ' Findings usually carry an automatic fix.' : ''}${helpUri ? `\n${helpUri}` : ''}` },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: [meta.kind, rfc] },
  };
}

/** SARIF's `name` is an identifier: `policy/mx-wildcard` → `PolicyMxWildcard`. */
function ruleName(code: string): string {
  return code
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function artifactLocation(file: LintedFile, cwd: string): Sarif.ArtifactLocation {
  if (file.absPath === null) return { uri: 'stdin' };
  const rel = relative(cwd, file.absPath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(file.absPath).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** 1-based lines and columns; columns count UTF-16 code units (run.columnKind). */
function region(lines: LineIndex, span: Span): Sarif.Region {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(span.end);
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function sarifFix(fix: Diagnostic['fixes'][number], lines: LineIndex, artifact: Sarif.ArtifactLocation): Sarif.Fix {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: artifact,
        replacements: fix.edits.map((e) => ({ deletedRegion: region(lines, e.range), insertedContent: { text: e.newText } })),
      },
    ],
  };
}

/**
 * Rule, file, the flagged text and its line's content (not its number), and which occurrence of that triple this is:
 * inserting a line above a finding keeps its fingerprint, so code scanning keeps tracking the same alert.
 */
function fingerprint(file: LintedFile, artifact: Sarif.ArtifactLocation, d: Diagnostic, seen: Map<string, number>): string {
  const text = file.lines.text;
  const { line } = file.lines.positionAt(d.range.start);
  const lineStart = file.lines.lineStarts[line] ?? 0;
  const lineEnd = file.lines.lineStarts[line + 1] ?? text.length;
  // Capped so a 1 MB single-line file does not cost 1 MB of hashing per finding.
  const lineText = text.slice(lineStart, Math.min(lineEnd, lineStart + 512)).trim();
  const flagged = text.slice(d.range.start, Math.min(d.range.end, d.range.start + 256));
  const key = `${d.code}\0${artifact.uri}\0${lineText}\0${flagged}`;
  const occurrence = seen.get(key) ?? 0;
  seen.set(key, occurrence + 1);
  return `${createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32)}:${occurrence + 1}`;
}
