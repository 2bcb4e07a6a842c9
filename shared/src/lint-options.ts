import type { SeverityOverrides } from './rule.ts';

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
}

/** The clock a rule should use. */
export function clock(options: LintOptions): Date {
  return options.now ? options.now() : new Date();
}
