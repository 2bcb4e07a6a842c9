import type { Span } from '../diagnostic.ts';
import type { LintOptions } from '../lint-options.ts';
import type { PolicyMode } from '../policy/parse.ts';
import type { DocumentKind } from '../rule.ts';

/** An MX record of a zone file in the workspace. */
export interface ZoneMx {
  /** The mail domain (owner without trailing dot, lower-case). */
  readonly domain: string;
  /** The exchange host, lower-case, without trailing dot. */
  readonly host: string;
  /** Where to report it in its zone file (the exchange name). */
  readonly range: Span;
  readonly path: string;
}

/** A policy file in the workspace and the domain it is for. */
export interface WorkspacePolicy {
  readonly path: string;
  readonly domain: string;
  readonly mode: PolicyMode | null;
  /** Every `mx:` pattern senders read, with the span of its value. */
  readonly mx: readonly { readonly pattern: string; readonly range: Span }[];
}

/** What workspace rules see: the one file they report on, and the facts of all files. */
export interface WorkspaceContext {
  readonly path: string;
  readonly kind: DocumentKind;
  readonly text: string;
  readonly policies: readonly WorkspacePolicy[];
  readonly zoneMx: readonly ZoneMx[];
  readonly options: LintOptions;
}
