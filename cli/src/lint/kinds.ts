import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { decodeZoneBytes, policyDomainFromPath, type DocumentKind, type LintOptions, type ReadInclude } from '@sts-lens/shared';

/** The document kinds `sts-lens lint` handles, in the order the help lists them. */
export const lintKinds = ['policy', 'sts-txt', 'tlsrpt-txt', 'zone'] as const satisfies readonly DocumentKind[];

export type LintKind = (typeof lintKinds)[number];

/** Whether `kind` is one `sts-lens lint` handles. */
export function isLintKind(kind: string | null | undefined): kind is LintKind {
  return (lintKinds as readonly string[]).includes(kind ?? '');
}

/** What the run knows beyond each file: from the config file, flags and environment. */
export interface RunSettings {
  /** Options every document gets (severity overrides, the config's domain, the clock). */
  readonly base: LintOptions;
  /** `--origin`: the starting origin of zone files. */
  readonly origin?: string;
  /** `--include-root`: relative `$INCLUDE` paths are read from this directory, as BIND reads them from its own. */
  readonly includeRoot?: string;
  readonly cwd: string;
}

/** Where a document came from: its path as shown and its absolute path, or null for standard input. */
export interface DocumentPlace {
  readonly path: string;
  readonly absPath: string | null;
}

/**
 * The lint options of one document: the run's settings plus what its kind learns from where it lives.
 * A new kind that needs more adds its case here.
 */
export function optionsFor(kind: LintKind, place: DocumentPlace, settings: RunSettings): LintOptions {
  switch (kind) {
    case 'policy': {
      const domain = settings.base.domain ?? (place.absPath === null ? null : policyDomainFromPath(place.absPath));
      return domain === null ? settings.base : { ...settings.base, domain };
    }
    case 'sts-txt':
    case 'tlsrpt-txt':
      return settings.base;
    case 'zone':
      return {
        ...settings.base,
        ...(place.absPath !== null ? { path: place.path } : {}),
        ...(settings.origin !== undefined ? { origin: settings.origin } : {}),
        readInclude: includeReader(settings.cwd, settings.includeRoot),
        ...(settings.includeRoot !== undefined ? { includeRoot: resolve(settings.cwd, settings.includeRoot) } : {}),
      };
  }
}

/**
 * `$INCLUDE` files are read relative to the including file (standard input: the working directory), or with
 * `--include-root DIR` relative to DIR, as BIND reads them relative to its working directory.
 */
function includeReader(cwd: string, root: string | undefined): ReadInclude {
  return (file, fromPath) => {
    try {
      const dir = root !== undefined ? resolve(cwd, root) : resolve(cwd, dirname(fromPath || '.'));
      return decodeZoneBytes(readFileSync(resolve(dir, file))).text;
    } catch {
      return null;
    }
  };
}
