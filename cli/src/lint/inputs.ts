import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { detectKind } from '@sts-lens/shared';
import { describeFsError, walkFiles } from '../walk.ts';
import { isLintKind, type LintKind } from './kinds.ts';

/** A document to lint: a file (with its kind when its name tells it) or standard input. */
export type Source =
  | { readonly type: 'file'; readonly path: string; readonly absPath: string; readonly kind: LintKind | null }
  | { readonly type: 'stdin' };

export interface Collected {
  readonly sources: readonly Source[];
  /** One line per path that could not be used, already phrased for the user. */
  readonly problems: readonly string[];
}


/** The names a directory search picks up, for messages. */
export const KNOWN_NAMES = 'mta-sts.txt, *.mta-sts, *.mta-sts.txt (policy); _mta-sts*.txt (sts-txt); _smtp._tls*.txt (tlsrpt-txt); *.zone, db.*, *.db (zone)';

/**
 * Turn command-line paths into documents: files as given, directories searched for known file names (only those of
 * kind `only` when given), `-` for standard input. Each path is linted once however often it is named.
 */
export async function collectSources(args: readonly string[], cwd: string, only: LintKind | undefined): Promise<Collected> {
  const sources: Source[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (source: Source, key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    sources.push(source);
  };
  for (const arg of args) {
    if (arg === '-') {
      add({ type: 'stdin' }, '-');
      continue;
    }
    const absPath = resolve(cwd, arg);
    let isDir: boolean;
    try {
      isDir = (await stat(absPath)).isDirectory();
    } catch (e) {
      problems.push(`${arg}: ${describeFsError(e)}`);
      continue;
    }
    if (!isDir) {
      add({ type: 'file', path: arg, absPath, kind: null }, absPath);
      continue;
    }
    const found: Source[] = [];
    await walkFiles(arg, absPath, (f) => {
      const kind = detectKind(f.name, '');
      if (isLintKind(kind) && (only === undefined || kind === only)) found.push({ type: 'file', path: f.path, absPath: f.absPath, kind });
    }, (m) => problems.push(m));
    if (found.length === 0) {
      problems.push(`${arg}: no ${only === undefined ? 'files to lint' : `${only} files`} found (known names: ${KNOWN_NAMES})`);
    }
    for (const s of found) if (s.type === 'file') add(s, s.absPath);
  }
  return { sources, problems };
}

