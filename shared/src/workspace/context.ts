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
  /** What senders read, in one canonical text (`policyContent`): two policies senders treat alike give the same. */
  readonly content: string;
}

/** An `_mta-sts` TXT record of a zone file in the workspace, with its `id`. */
export interface ZoneStsId {
  /** The policy domain (the owner without `_mta-sts.` and the trailing dot, lower-case). */
  readonly domain: string;
  readonly id: string;
  /** The id's value in its zone file. */
  readonly range: Span;
  readonly path: string;
}

/** What workspace rules see: the one file they report on, and the facts of all files. */
export interface WorkspaceContext {
  readonly path: string;
  readonly kind: DocumentKind;
  readonly text: string;
  readonly policies: readonly WorkspacePolicy[];
  readonly zoneMx: readonly ZoneMx[];
  readonly stsIds: readonly ZoneStsId[];
  /**
   * The policy content first seen with each (domain, id), by `baselineKey(domain, id)`: an editor remembers it, so a
   * policy changed while the id stayed is caught (`workspace/id-not-bumped`). Empty when nobody remembers.
   */
  readonly baselines: ReadonlyMap<string, string>;
  readonly options: LintOptions;
}

/** The key of a baseline: one (domain, `_mta-sts` id) pair. */
export function baselineKey(domain: string, id: string): string {
  return `${domain} ${id}`;
}
