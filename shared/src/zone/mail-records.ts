import type { Span } from '../diagnostic.ts';
import { isStsRecordAttempt } from '../sts-txt/parse.ts';
import { isTlsRptRecordAttempt } from '../tlsrpt-txt/parse.ts';
import { recordsWhere } from './carried.ts';
import { embeddedValue } from './embedded.ts';
import { TOK_COMMENT, TOK_QUOTED, type Zone, type ZoneRecord } from './model.ts';
import { nameStartsWith, recordAt } from './names.ts';
import { RR } from './rr-types.ts';
import { zoneSlice } from './source-text.ts';

// The mail-security records a zone may hold: `_mta-sts.<domain>` (RFC 8461 §3.1) and `_smtp._tls.<domain>`
// (RFC 8460 §3) TXT records.

export const STS_PREFIX = '_mta-sts.';
export const TLSRPT_PREFIX = '_smtp._tls.';

/** TXT records whose owner starts like an `_mta-sts` or `_smtp._tls` name (carried across edits). */
const mailNamed = new WeakMap<Zone, readonly number[]>();

/** TXT records at `_mta-sts.*` and `_smtp._tls.*`. */
export function mailTxtRecords(zone: Zone): { sts: ZoneRecord[]; tlsrpt: ZoneRecord[] } {
  const cached = found.get(zone);
  if (cached) return cached;
  const sts: ZoneRecord[] = [];
  const tlsrpt: ZoneRecord[] = [];
  const { type, owner } = zone.records;
  const candidates = recordsWhere(zone, mailNamed, (i) => type[i] === RR.TXT && (nameStartsWith(zone, owner[i]!, STS_PREFIX) || nameStartsWith(zone, owner[i]!, TLSRPT_PREFIX)));
  for (const i of candidates) {
    const id = owner[i]!;
    if (nameStartsWith(zone, id, STS_PREFIX)) sts.push(recordAt(zone, i));
    else if (nameStartsWith(zone, id, TLSRPT_PREFIX)) tlsrpt.push(recordAt(zone, i));
  }
  const result = { sts, tlsrpt };
  found.set(zone, result);
  return result;
}

const found = new WeakMap<Zone, { sts: ZoneRecord[]; tlsrpt: ZoneRecord[] }>();

/**
 * An unquoted TXT value that a `;` cut short (`v=STSv1; id=1`: the rest is a comment): the span from the value to
 * the end of the comment and the quoted replacement. Null when the record is quoted or not cut.
 */
export function cutAtSemicolon(zone: Zone, rec: ZoneRecord): { range: Span; quoted: string } | null {
  const tk = zone.tokens;
  let first = -1;
  let comment = -1;
  for (let t = rec.rdata; t < rec.rdataEnd; t++) {
    const k = tk.kind[t]! & 7;
    if (k === TOK_QUOTED) return null;
    if (k === TOK_COMMENT) {
      comment = t;
      break;
    }
    if (k === 0 && first < 0) first = t;
    if (k !== 0) return null;
  }
  if (first < 0 || comment < 0) return null;
  const head = zoneSlice(zone, tk.start[first]!, tk.end[comment - 1]!);
  if (!/^v=/i.test(head)) return null;
  const tail = zoneSlice(zone, tk.start[comment]!, tk.end[comment]!).replace(/[ \t]+$/, '');
  if (tail.length <= 1) return null;
  const joined = zoneSlice(zone, tk.start[first]!, tk.start[comment]!) + tail;
  return {
    range: { start: tk.start[first]!, end: tk.start[comment]! + tail.length },
    quoted: '"' + joined.replace(/(?<!\\)"/g, '\\"') + '"',
  };
}

/**
 * The `_mta-sts` / `_smtp._tls` TXT records that are another service's (`google-site-verification=…`) beside one
 * that tries to be the real record at the same name: senders discard them, so they get a hint, not the record
 * rules. An unrelated record alone at its name is still linted as the record it stands in for.
 */
export function unrelatedMailTxtRecords(zone: Zone): ReadonlySet<ZoneRecord> {
  const cached = unrelatedFound.get(zone);
  if (cached) return cached;
  const out = new Set<ZoneRecord>();
  const { sts, tlsrpt } = mailTxtRecords(zone);
  for (const [records, attempt] of [
    [sts, isStsRecordAttempt],
    [tlsrpt, isTlsRptRecordAttempt],
  ] as const) {
    const byOwner = new Map<string, { tries: boolean; others: ZoneRecord[] }>();
    for (const rec of records) {
      const group = byOwner.get(rec.owner) ?? { tries: false, others: [] };
      byOwner.set(rec.owner, group);
      if (cutAtSemicolon(zone, rec) || attempt(embeddedValue(zone, rec).value)) group.tries = true;
      else group.others.push(rec);
    }
    for (const group of byOwner.values()) if (group.tries) for (const rec of group.others) out.add(rec);
  }
  unrelatedFound.set(zone, out);
  return out;
}

const unrelatedFound = new WeakMap<Zone, ReadonlySet<ZoneRecord>>();
