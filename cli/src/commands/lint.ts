import { isAscii } from 'node:buffer';
import { statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { decodeUtf8, decodeZoneBytes, detectKind, LineIndex, lintText, nameSyntaxProblem, type Diagnostic, type LintOptions } from '@sts-lens/shared';
import { parseCommandArgs, type OptionSpec } from '../args.ts';
import { EXIT_TROUBLE, usageError, type Command, type Io } from '../command.ts';
import { palette, useColor } from '../format/color.ts';
import { formatJson } from '../format/json.ts';
import { formatSarif } from '../format/sarif.ts';
import { formatText } from '../format/text.ts';
import { loadConfig, type LintConfig } from '../lint/config.ts';
import { fixText, type FixOutcome } from '../lint/fix.ts';
import { withCrossFileFindings } from '../lint/cross-file.ts';
import { collectSources, KNOWN_NAMES } from '../lint/inputs.ts';
import { describeFsError } from '../walk.ts';
import { startPageWorker } from '@sts-lens/shared/node';
import { isLintKind, lintKinds, optionsFor, type DocumentPlace, type LintKind, type RunSettings } from '../lint/kinds.ts';
import { plural, totals, type LintedFile, type LintReport } from '../lint/result.ts';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS: OptionSpec = {
  format: { type: 'string' },
  kind: { type: 'string' },
  config: { type: 'string' },
  origin: { type: 'string' },
  'include-root': { type: 'string' },
  fix: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const STDIN_PATH = '<stdin>';

const synopsis = 'Usage: sts-lens lint [--format text|json|sarif] [--kind KIND] [--config FILE] [--origin NAME] [--include-root DIR] [--fix] PATH... | -';

const help = `${synopsis}

Lint MTA-STS policy files (RFC 8461 §3.2), STS TXT records (_mta-sts, RFC 8461 §3.1), TLS-RPT TXT records
(_smtp._tls, RFC 8460 §3) and DNS zone files (RFC 1035 §5). A directory is searched for known file names
(not inside node_modules or .git); \`-\` reads standard input.

Options:
  --format FORMAT  text (default), json (0-based lines, UTF-16 characters, as LSP) or sarif (SARIF 2.1.0)
  --kind KIND      ${lintKinds.join(', ')}: the kind of every named file and of standard input;
                   directories then yield only files of that kind
  --config FILE    JSON: {"rules": {"<code>": "off|error|warning|info|hint"}, "domain": "example.com"}
  --origin NAME    zone files: the origin to start with (else \`$ORIGIN\` or the file name, \`db.example.com\`);
                   any domain name, e.g. \`0/25.2.0.192.in-addr.arpa\` (RFC 2317)
  --include-root DIR
                   zone files: read relative \`$INCLUDE\` paths from DIR, as BIND reads them from its working
                   directory (default: relative to the including file)
  --fix            apply the preferred fix of each problem until none is left; files are rewritten in
                   place, standard input is fixed to standard output (the report then goes to stderr)
  -h, --help       show this help

Kinds come from names, else from content:
  ${KNOWN_NAMES.split('; ').join('\n  ')}
A policy's domain comes from its path (mta-sts.example.com/.well-known/mta-sts.txt, example.com/mta-sts.txt,
example.com.mta-sts) unless the config sets \`domain\`. Zone files read \`$INCLUDE\`s relative to themselves; a
zone's MX hosts are checked against the policy of their domain when both are linted together.

Environment: NO_COLOR / FORCE_COLOR decide colour; SOURCE_DATE_EPOCH fixes the clock of fixes that mint a
policy id, for reproducible output.

Exit status: 0 no errors, 1 errors found, 2 usage or I/O problem.
`;

/** `sts-lens lint`: lint files, directories or standard input and print text, JSON or SARIF. */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'lint policy files, STS / TLS-RPT TXT records and zone files (text, json or sarif)',
  synopsis,
  help,
  run: runLint,
};

async function runLint(argv: readonly string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (!args.ok) return usageError(io, lintCommand, args.message);
  const { values, positionals } = args;
  if (values.help === true) {
    io.out(help);
    return 0;
  }
  const format = (values.format ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    return usageError(io, lintCommand, `unknown format \`${format}\`; use ${FORMATS.join(', ')}`);
  }
  const kindFlag = values.kind as string | undefined;
  if (kindFlag !== undefined && !isLintKind(kindFlag)) {
    return usageError(io, lintCommand, `unknown kind \`${kindFlag}\`; use ${lintKinds.join(', ')}`);
  }
  const origin = values.origin as string | undefined;
  const originProblem = origin === undefined ? null : /\s/.test(origin) ? 'a blank' : nameSyntaxProblem(origin);
  if (origin !== undefined && originProblem !== null) {
    return usageError(io, lintCommand, `\`--origin\` \`${origin}\` is not a domain name (it has ${originProblem}); use e.g. \`example.com\``);
  }
  const includeRoot = values['include-root'] as string | undefined;
  if (positionals.length === 0) {
    return usageError(io, lintCommand, 'no PATH given; name files or directories, or `-` for standard input');
  }

  let config: LintConfig = { rules: {} };
  if (typeof values.config === 'string') {
    const loaded = await loadConfig(values.config, io.cwd);
    if (!loaded.ok) {
      io.err(`sts-lens: ${loaded.message}\n`);
      return EXIT_TROUBLE;
    }
    config = loaded.config;
  }
  const settings: RunSettings = { base: baseOptions(config, io.env), cwd: io.cwd, ...(origin !== undefined ? { origin } : {}), ...(includeRoot !== undefined ? { includeRoot } : {}) };
  const fix = values.fix === true;

  const problems: string[] = [];
  const problem = (message: string): void => {
    problems.push(message);
    io.err(`sts-lens: ${message}\n`);
  };
  const collected = await collectSources(positionals, io.cwd, kindFlag);
  collected.problems.forEach(problem);

  const docs: Linted[] = [];
  let fixesApplied = 0;
  let filesFixed = 0;
  let stdinFixed = false;
  for (const source of collected.sources) {
    const place = { path: source.type === 'stdin' ? STDIN_PATH : source.path, absPath: source.type === 'stdin' ? null : source.absPath };
    // A large zone's arrays: their pages are touched on the other core (started before the read, it is ready by the parse).
    const zoneLike = (kindFlag ?? (source.type === 'file' ? source.kind : null) ?? 'zone') === 'zone';
    const pages = zoneLike && source.type === 'file' ? startPageWorker(fileSize(source.absPath), io.env) : null;
    let bytes: Uint8Array;
    try {
      bytes = source.type === 'stdin' ? await io.readStdin() : await readFile(source.absPath);
    } catch (e) {
      pages?.close();
      problem(`${place.path}: ${describeFsError(e)}`);
      continue;
    }
    const utf8 = decode(bytes);
    const kind = kindFlag ?? (source.type === 'file' ? source.kind : null) ?? detectKind(place.absPath === null ? '' : place.path, utf8.text);
    // A zone file is octets (RFC 2181 §11): one that is not UTF-8 is read byte by byte, not reported.
    const { text, invalidUtf8At } = kind === 'zone' ? decodeZoneBytes(bytes, utf8) : utf8;
    const notUtf8 = utf8.invalidUtf8At >= 0;
    if (kind !== 'zone') pages?.close();
    if (!isLintKind(kind)) {
      problem(`${place.path}: cannot tell which kind of document this is from its name or content; pass --kind ${lintKinds.join('|')}`);
      continue;
    }
    const plain = optionsFor(kind, place, settings);
    const options: LintOptions = pages !== null && kind === 'zone' ? { ...plain, allocate: pages.allocate } : plain;
    const lint = (t: string, badUtf8At = -1): Diagnostic[] => lintText(t, kind, options, badUtf8At);
    let outcome: FixOutcome;
    try {
      // Rewriting a file that is not UTF-8 would silently turn its bad bytes into U+FFFD: leave it as it is.
      outcome = !fix || notUtf8 ? { text, diagnostics: lint(text, invalidUtf8At), applied: 0 } : fixText(text, lint);
    } catch (e) {
      // A bug in one rule must not cost the findings of every other file.
      problem(`${place.path}: internal error: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    } finally {
      pages?.close();
    }
    if (fix && source.type === 'stdin') {
      stdinFixed = true;
      io.out(outcome.applied > 0 ? outcome.text : bytes);
    } else if (outcome.applied > 0 && source.type === 'file') {
      try {
        await writeFile(source.absPath, outcome.text, 'utf8');
      } catch (e) {
        problem(`${place.path}: cannot write the fixed file: ${describeFsError(e)}`);
        docs.push({ place, kind, options, text, diagnostics: lint(text) });
        continue;
      }
    }
    if (outcome.applied > 0) {
      fixesApplied += outcome.applied;
      filesFixed++;
    }
    docs.push({ place, kind, options, text: outcome.text, diagnostics: outcome.diagnostics });
  }

  let withCrossFile: readonly (readonly Diagnostic[])[];
  try {
    withCrossFile = withCrossFileFindings(
      docs.map((d) => ({ ...d, path: d.place.path, fromStdin: d.place.absPath === null, domain: d.kind === 'policy' ? (d.options.domain ?? null) : null })),
      settings.base,
    );
  } catch (e) {
    problem(`checking the files against each other: internal error: ${e instanceof Error ? e.message : String(e)}`);
    withCrossFile = docs.map((d) => d.diagnostics);
  }
  const files: LintedFile[] = docs.map((d, i) => ({
    path: d.place.path,
    absPath: d.place.absPath,
    kind: d.kind,
    lines: new LineIndex(d.text),
    diagnostics: withCrossFile[i]!,
  }));

  const report: LintReport = { files, problems, fixesApplied: fix ? fixesApplied : null, filesFixed, cwd: io.cwd };
  // With stdin fixed to stdout, stdout carries the document: the report moves to stderr.
  const emit = (s: string): void => (stdinFixed ? io.err(s) : io.out(s));
  switch (format as Format) {
    case 'text':
      emit(formatText(report, palette(!stdinFixed && useColor(io.env, io.stdoutIsTTY))));
      break;
    case 'json':
      emit(formatJson(report));
      break;
    case 'sarif':
      emit(formatSarif(report));
      break;
  }
  if (fix && format !== 'text') {
    io.err(`sts-lens: applied ${plural(fixesApplied, 'fix', 'fixes')} in ${plural(filesFixed, 'file')}\n`);
  }
  if (problems.length > 0) return EXIT_TROUBLE;
  return totals(files).errors > 0 ? 1 : 0;
}

/** A document after its own lint (and fixes), before the cross-file pass. */
interface Linted {
  readonly place: DocumentPlace;
  readonly kind: LintKind;
  readonly options: LintOptions;
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Lint options shared by every file of the run. */
function baseOptions(config: LintConfig, env: Io['env']): LintOptions {
  const epoch = env.SOURCE_DATE_EPOCH;
  const fixed = epoch !== undefined && /^\d{1,12}$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
  return {
    overrides: config.rules,
    ...(config.domain !== undefined ? { domain: config.domain } : {}),
    ...(fixed !== undefined ? { now: () => fixed } : {}),
  };
}

/**
 * Bytes as text: ASCII (most files) is copied as it is, without a UTF-8 decoder's pass over it (35 MB: about 90 ms
 * against 140 here); anything else is decoded, invalid UTF-8 reported as before.
 */
function decode(bytes: Uint8Array): ReturnType<typeof decodeUtf8> {
  if (!isAscii(bytes)) return decodeUtf8(bytes);
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'), invalidUtf8At: -1 };
}

/** Size of the file at `path` in bytes; 0 when it cannot be read (the read then says why). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
