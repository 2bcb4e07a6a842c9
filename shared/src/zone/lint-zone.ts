import type { Diagnostic } from '../diagnostic.ts';
import type { LintOptions } from '../lint-options.ts';
import { runRules } from '../rule.ts';
import { parseStsRecord } from '../sts-txt/parse.ts';
import { stsTxtRules } from '../sts-txt/rules/index.ts';
import { LineIndex } from '../text/line-index.ts';
import { parseTlsRptRecord } from '../tlsrpt-txt/parse.ts';
import { tlsRptTxtRules } from '../tlsrpt-txt/rules/index.ts';
import type { ZoneContext } from './context.ts';
import { embeddedValue, mapDiagnostics } from './embedded.ts';
import { cutAtSemicolon, mailTxtRecords, STS_PREFIX, TLSRPT_PREFIX, unrelatedMailTxtRecords } from './mail-records.ts';
import type { Zone } from './model.ts';
import { parseZone } from './parse.ts';
import { isRecycled } from './buffers.ts';
import { reparseZone } from './reparse.ts';
import type { CommonEnds } from '../text/common-ends.ts';
import { zoneRules } from './rules/index.ts';
import { sourceAt } from './source-text.ts';

/** More findings than this under one code are dropped: 50 MB of garbage must not make a million diagnostics. */
const MAX_PER_CODE = 10_000;

// The last parse, so linting a file and then reading its MX set across files (lintWorkspace) parses it once.
let last: { text: string; origin: string | undefined; path: string | undefined; reader: unknown; includeRoot: string | undefined; zone: Zone } | null = null;

/**
 * Parse zone text with the lint options' origin, path and include reader (the last parse is reused). `previous`, a
 * parse of an earlier version of the same file with the same options, is re-read only around the edit (an editor);
 * `ends`, the common ends of its text and this one, when the caller has them. `recycle`, given (even null)
 * when the versions form one line as in an editor: a parse no one reads any more (the version before `previous`),
 * whose arrays this parse reuses (`ReparseExtras.recycle`).
 */
export function parseZoneFor(text: string, options: LintOptions, previous?: Zone | null, ends?: CommonEnds, recycle?: Zone | null): Zone {
  // With an earlier parse given the text is a new version: comparing megabytes with the last one would only cost.
  if (last && (!previous || last.zone !== previous) && last.text === text && last.origin === options.origin && last.path === options.path && last.reader === options.readInclude && last.includeRoot === options.includeRoot) return last.zone;
  // An undo: the text is again that of the version before `previous`, whose parse no one has given back yet (the
  // editor gives it as `recycle`). That parse is this text's: reuse it (and the rules' results kept with it), and keep
  // its arrays. Versions of one document share their options, as `previous` and `recycle` do.
  const remember = (zone: Zone): Zone => {
    last = { text, origin: options.origin, path: options.path, reader: options.readInclude, includeRoot: options.includeRoot, zone };
    return zone;
  };
  if (previous && recycle && recycle !== previous && !isRecycled(recycle) && recycle.text.length === text.length && sameText(recycle.text, text, ends)) return remember(recycle);
  const parseOptions = {
    ...(options.origin !== undefined ? { origin: options.origin } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.readInclude !== undefined ? { readInclude: options.readInclude } : {}),
    ...(options.includeRoot !== undefined ? { includeRoot: options.includeRoot } : {}),
    ...(options.allocate !== undefined ? { allocate: options.allocate } : {}),
  };
  const zone = previous ? reparseZone(previous, text, parseOptions, { ...(ends ? { ends } : {}), ...(recycle !== undefined ? { recycle } : {}) }) : parseZone(text, parseOptions);
  return remember(zone);
}

/** Lint a parsed zone: the zone rules, then its `_mta-sts` / `_smtp._tls` records with the standalone TXT rules. */
export function lintZone(zone: Zone, options: LintOptions = {}): Diagnostic[] {
  const overrides = options.overrides ?? {};
  const ctx: ZoneContext = { text: zone.text, zone, options };
  const out = runRules(zoneRules, ctx, overrides);
  const { sts, tlsrpt } = mailTxtRecords(zone);
  // Another service's record beside the real one: zone/txt-unrelated gives it a hint; senders discard it.
  const unrelated = unrelatedMailTxtRecords(zone);
  for (const rec of sts) {
    if (cutAtSemicolon(zone, rec) || unrelated.has(rec)) continue; // zone/txt-cut-at-semicolon says it, with the fix that matters
    const v = embeddedValue(zone, rec);
    const domain = rec.owner.slice(STS_PREFIX.length, -1);
    const found = runRules(stsTxtRules, { text: v.value, record: parseStsRecord(v.value), options: { ...options, domain } }, overrides);
    for (const d of mapDiagnostics(v, found, zone.text.length)) out.push(d);
  }
  for (const rec of tlsrpt) {
    if (cutAtSemicolon(zone, rec) || unrelated.has(rec)) continue;
    const v = embeddedValue(zone, rec);
    const domain = rec.owner.slice(TLSRPT_PREFIX.length, -1);
    const found = runRules(tlsRptTxtRules, { text: v.value, record: parseTlsRptRecord(v.value), options: { ...options, domain } }, overrides);
    for (const d of mapDiagnostics(v, found, zone.text.length)) out.push(d);
  }
  return toFile(zone, out);
}

/** Lint zone file text (without the file-level rules; `lintText(text, 'zone')` adds those). */
export function lintZoneText(text: string, options: LintOptions = {}): Diagnostic[] {
  return lintZone(parseZoneFor(text, options), options);
}

/**
 * Findings inside an included file or a `$GENERATE` expansion are reported on the directive that brought them
 * in, naming the file and line; their fixes cannot apply to this file and are dropped. Caps each code's count.
 */
function toFile(zone: Zone, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const perCode = new Map<string, number>();
  const seen = new Set<string>();
  const lineIndexes = new Map<number, LineIndex>();
  for (const d of diagnostics) {
    const n = (perCode.get(d.code) ?? 0) + 1;
    perCode.set(d.code, n);
    if (n > MAX_PER_CODE) continue;
    if (d.range.end <= zone.text.length) {
      out.push(d);
      continue;
    }
    let src = sourceAt(zone, d.range.start);
    const srcIndex = zone.sources.indexOf(src);
    let lines = lineIndexes.get(srcIndex);
    if (!lines) {
      lines = new LineIndex(src.text);
      lineIndexes.set(srcIndex, lines);
    }
    const line = lines.positionAt(d.range.start - src.base).line + 1;
    const where = src.kind === 'include' ? `in \`${src.path}\` line ${line}` : `in the \`$GENERATE\` expansion, record ${line}`;
    while (src.parent > 0) src = zone.sources[src.parent]!;
    const range = src.via ?? { start: 0, end: 0 };
    const message = `${where}: ${d.message}`;
    const key = `${d.code}\u0000${range.start}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...d, range, message, fixes: [] });
  }
  return out;
}

/**
 * Whether `a` and `b` (of one length) are the same text; `ends`, where `b` agrees with the text before it, when known:
 * the part between is compared first, as an edit that is no undo differs there (a whole-text compare costs a
 * millisecond on a 100k-record zone).
 */
function sameText(a: string, b: string, ends: CommonEnds | undefined): boolean {
  if (ends !== undefined) {
    const end = b.length - ends.suffix;
    if (ends.prefix < end && a.slice(ends.prefix, end) !== b.slice(ends.prefix, end)) return false;
  }
  return a === b;
}
