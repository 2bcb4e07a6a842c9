// Walking folders for the files a command reads, and file-system errors in words (never a stack trace).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Folders never searched: tooling and VCS metadata, never hand-written records. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Every file below `dir` (shown as `dir/...`, read at `absDir/...`) in name order, to `visit`; unreadable folders go to
 * `problem`. Symbolic links to folders are not followed (no cycles); links to files read like files.
 */
export async function walkFiles(dir: string, absDir: string, visit: (file: { path: string; absPath: string; name: string }) => void, problem: (message: string) => void): Promise<void> {
  let entries;
  try {
    entries = await readdir(absDir, { withFileTypes: true });
  } catch (e) {
    problem(`${dir}: ${describeFsError(e)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const absPath = join(absDir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walkFiles(path, absPath, visit, problem);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      visit({ path, absPath, name: entry.name });
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
