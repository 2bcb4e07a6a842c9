import type { Severity } from '../diagnostic.ts';
import type { LintOptions } from '../lint-options.ts';
import type { TagField } from './parse.ts';

/** What distinguishes the two TXT record kinds that share the tag-list grammar. */
export interface TagDialect {
  /** The protocol's name in messages: `MTA-STS`, `TLS-RPT`. */
  readonly name: string;
  /** The version value after `v=`: `STSv1`, `TLSRPTv1`. */
  readonly version: string;
  /** The record's owner label for messages: `_mta-sts`, `_smtp._tls`. */
  readonly owner: string;
  /** The RFC section for messages: `RFC 8461 §3.1`. */
  readonly rfc: string;
  /** The other kind, to recognise a record published under the wrong name. */
  readonly other: { readonly name: string; readonly version: string; readonly owner: string };
  /** Field names the RFC defines besides `v`: `id`, `rua`. */
  readonly fields: readonly string[];
  /** Fields whose values are lists (`rua`): a repeat is better merged into the first than dropped. */
  readonly listFields: readonly string[];
  /** Why a field outside the grammar matters, for messages (`senders treat … as no policy`). */
  readonly invalidConsequence: string;
  /** The smallest complete record, written when the record is empty. */
  skeleton(options: LintOptions): string;
  /** Appended to the skeleton fix title when the user must edit it (a placeholder address); else ''. */
  readonly skeletonNote: string;
  /** Why some unknown field names are likely there (`mode` belongs in the policy file), for hints. */
  readonly notes: Readonly<Record<string, string>>;
  /** Severity of a repeated field; only the first occurrence counts for senders. */
  duplicateSeverity(first: TagField, later: TagField): Severity;
}
