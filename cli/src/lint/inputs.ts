import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { detectKind } from '@sts-lens/shared';
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

/** Folders never searched: tooling and VCS metadata, never hand-written records. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

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
    await walk(arg, absPath, only, found, problems);
    if (found.length === 0) {
      problems.push(`${arg}: no ${only === undefined ? 'files to lint' : `${only} files`} found (known names: ${KNOWN_NAMES})`);
    }
    for (const s of found) if (s.type === 'file') add(s, s.absPath);
  }
  return { sources, problems };
}

async function walk(dir: string, absDir: string, only: LintKind | undefined, out: Source[], problems: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(absDir, { withFileTypes: true });
  } catch (e) {
    problems.push(`${dir}: ${describeFsError(e)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const absPath = join(absDir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(path, absPath, only, out, problems);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      // Symbolic links to directories are not followed (no cycles); links to files read like files.
      const kind = detectKind(entry.name, '');
      if (isLintKind(kind) && (only === undefined || kind === only)) out.push({ type: 'file', path, absPath, kind });
    }
  }
}

/** A file-system error as a few words (`no such file or directory`), never a stack trace. */
export function describeFsError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
