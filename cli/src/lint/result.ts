import type { Diagnostic, LineIndex } from '@sts-lens/shared';
import type { LintKind } from './kinds.ts';

/** One linted document, as every output format reads it. */
export interface LintedFile {
  /** The path as the user named it (or as found under a named directory); `<stdin>` for standard input. */
  readonly path: string;
  /** Absolute path, or null for standard input. */
  readonly absPath: string | null;
  readonly kind: LintKind;
  readonly lines: LineIndex;
  readonly diagnostics: readonly Diagnostic[];
}

/** Everything a format needs to print a run. */
export interface LintReport {
  readonly files: readonly LintedFile[];
  /** Paths that could not be read or linted, phrased for the user (they were printed on stderr already). */
  readonly problems: readonly string[];
  /** Fixes applied by `--fix`, or null without it. */
  readonly fixesApplied: number | null;
  readonly filesFixed: number;
  readonly cwd: string;
}

export interface Totals {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly hints: number;
  readonly files: number;
}

/** Count diagnostics by severity over all files. */
export function totals(files: readonly LintedFile[]): Totals {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let hints = 0;
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else if (d.severity === 'info') infos++;
      else hints++;
    }
  }
  return { errors, warnings, infos, hints, files: files.length };
}

/** `3 errors`, `1 warning`: a count and its noun, plural when it is not one. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}
