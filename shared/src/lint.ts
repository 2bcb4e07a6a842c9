import { compareDiagnostics, type Diagnostic } from './diagnostic.ts';
import type { LintOptions } from './lint-options.ts';
import { lintRecordText } from './lint-record.ts';
import type { DocumentKind } from './rule.ts';
import { decodeUtf8 } from './text/decode.ts';
import { lintZoneText } from './zone/lint-zone.ts';

/** Lint document text of a known kind: file-level rules, then the kind's rules, sorted by position. */
export function lintText(text: string, kind: DocumentKind, options: LintOptions = {}, invalidUtf8At = -1): Diagnostic[] {
  if (kind !== 'zone') return lintRecordText(text, kind, options, invalidUtf8At);
  const out = lintRecordText(text, kind, options, invalidUtf8At);
  append(out, lintZoneText(text, options));
  return out.sort(compareDiagnostics);
}

/** A loop, not push(...): a document can yield more findings than a call may take arguments. */
function append(out: Diagnostic[], more: readonly Diagnostic[]): void {
  for (const d of more) out.push(d);
}

/** Lint raw bytes (a file as read from disk): never throws, reports invalid UTF-8 and binary content. */
export function lintBytes(bytes: Uint8Array, kind: DocumentKind, options: LintOptions = {}): { text: string; diagnostics: Diagnostic[] } {
  const { text, invalidUtf8At } = decodeUtf8(bytes);
  return { text, diagnostics: lintText(text, kind, options, invalidUtf8At) };
}

/**
 * The kind of a document from its path, else its content; null when neither tells.
 * Names: `mta-sts.txt`, `*.mta-sts`, `*.mta-sts.txt` are policies; files named after the record's owner,
 * `_mta-sts*.txt` and `_smtp._tls*.txt`, hold TXT values. Content: `v=STSv1` / `v=TLSRPTv1` open TXT values;
 * a `version:` or `mode:` line makes a policy. Zone files: `*.zone`, `db.*`, `*.db`, or `$ORIGIN`/`$TTL`/an SOA near the top.
 */
export function detectKind(path: string, text: string): DocumentKind | null {
  const base = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (base === 'mta-sts.txt' || base.endsWith('.mta-sts') || base.endsWith('.mta-sts.txt')) return 'policy';
  if (base.startsWith('_mta-sts') && base.endsWith('.txt')) return 'sts-txt';
  if (base.startsWith('_smtp._tls') && base.endsWith('.txt')) return 'tlsrpt-txt';
  if (base.endsWith('.zone') || base.startsWith('db.') || base.endsWith('.db')) return 'zone';
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  if (looksLikeZone(head)) return 'zone';
  if (/^v\s*=\s*stsv1/i.test(head)) return 'sts-txt';
  if (/^v\s*=\s*tlsrptv1/i.test(head)) return 'tlsrpt-txt';
  if (/^(version|mode|max_age|mx)\s*:?/im.test(head)) return 'policy';
  return null;
}

/** Zone file content: a `$ORIGIN`/`$TTL`/`$INCLUDE` line, or an SOA record, near the top. */
function looksLikeZone(head: string): boolean {
  return /^\$(ORIGIN|TTL|INCLUDE)[ \t]/im.test(head) || /^\S*[ \t]+(?:\d\w*[ \t]+)?(?:IN[ \t]+)?(?:\d\w*[ \t]+)?SOA[ \t]/im.test(head);
}
