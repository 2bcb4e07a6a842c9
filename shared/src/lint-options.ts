import type { SeverityOverrides } from './rule.ts';
import type { Allocate } from './zone/parse.ts';

/** Reads an `$INCLUDE`d zone file: `path` as written, relative to the including file `fromPath`; null if unreadable. */
export type ReadInclude = (path: string, fromPath: string) => string | null;

/** What a caller may tell the linter beyond the text itself. */
export interface LintOptions {
  /** Clock for fixes that mint a fresh policy id; tests inject a fixed one. */
  readonly now?: () => Date;
  /** The policy domain (`example.com`), when known from the path, config or a zone. */
  readonly domain?: string;
  /** The domain's real MX hosts, when known (zone files, DNS): lets fixes insert the right `mx:` lines. */
  readonly mxHosts?: readonly string[];
  /** Per-code severity overrides and disabled rules. */
  readonly overrides?: SeverityOverrides;
  /** Zone files: the origin to start with (`example.com`); else from `$ORIGIN` or the file name. */
  readonly origin?: string;
  /** Path of the document, for a zone's origin guess (`db.example.com`) and resolving `$INCLUDE`. */
  readonly path?: string;
  /**
   * The text is a policy as a web server served it (a live check), not its source file: a front matter at the top is
   * then what senders get, not something a site generator strips.
   */
  readonly served?: boolean;
  /** Zone files: reads `$INCLUDE`d files (injected: the core has no file system); without it includes are not followed. */
  readonly readInclude?: ReadInclude;
  /**
   * Zone files: the directory relative `$INCLUDE` paths are read from, as BIND's working directory (`directory`);
   * without it they are relative to the including file. The reader resolves them the same way.
   */
  readonly includeRoot?: string;
  /** Zone files: makes the parse's large arrays (`ZoneParseOptions.allocate`): the CLI's touch their pages on another thread. */
  readonly allocate?: Allocate;
}

/** The clock a rule should use. */
export function clock(options: LintOptions): Date {
  return options.now ? options.now() : new Date();
}
