// Go-to-definition: from a name in a zone's RDATA to the records that own it, and from a policy's `mx:` pattern to
// the MX records it covers. Spans are in the document's own text (records read from `$INCLUDE`d files are skipped).
import type { Span } from '../diagnostic.ts';
import { mxPatternMatches } from '../mx/match.ts';
import type { ParsedPolicy } from '../policy/parse.ts';
import type { Zone } from '../zone/model.ts';
import { nameId, recordAt, recordEnd } from '../zone/names.ts';
import { targetName } from '../zone/rdata.ts';
import { RR } from '../zone/rr-types.ts';

const TARGET_TYPES = new Set<number>([RR.MX, RR.NS, RR.CNAME, RR.SRV, RR.PTR, RR.DNAME, RR.SVCB, RR.HTTPS]);

/** The target name under `offset` (MX/NS/CNAME/SRV/PTR/DNAME/SVCB target), absolute, with its span; null elsewhere. */
export function zoneTargetAt(zone: Zone, offset: number): { name: string; range: Span } | null {
  const { type, source, firstTok, rdataEnd } = zone.records;
  const tk = zone.tokens;
  for (let i = 0; i < zone.records.count; i++) {
    if (source[i] !== 0 || !TARGET_TYPES.has(type[i]!)) continue;
    if (tk.start[firstTok[i]!]! > offset || tk.end[rdataEnd[i]! - 1]! < offset) continue;
    const t = targetName(zone, recordAt(zone, i));
    if (t && tk.start[t.tok]! <= offset && offset <= tk.end[t.tok]!) return { name: t.name, range: { start: tk.start[t.tok]!, end: tk.end[t.tok]! } };
  }
  return null;
}

/** The records of this zone's own text owned by `name` (absolute, any case), as spans from owner to last token. */
export function zoneOwnerRecords(zone: Zone, name: string): Span[] {
  const id = nameId(zone, name.toLowerCase());
  if (id < 0) return [];
  const out: Span[] = [];
  const { owner, source, firstTok } = zone.records;
  for (let i = 0; i < zone.records.count; i++) {
    if (owner[i] === id && source[i] === 0) out.push({ start: zone.tokens.start[firstTok[i]!]!, end: recordEnd(zone, i) });
  }
  return out;
}

/** Definition in a zone: from a target name in RDATA to the records owning it in the same zone (none when outside it). */
export function zoneDefinition(zone: Zone, offset: number): Span[] {
  const target = zoneTargetAt(zone, offset);
  return target ? zoneOwnerRecords(zone, target.name) : [];
}

/** The `mx:` pattern under `offset` of a policy (as senders read it), with its span; null elsewhere. */
export function policyMxPatternAt(policy: ParsedPolicy, offset: number): { pattern: string; range: Span } | null {
  for (const line of policy.mx) if (line.value.start <= offset && offset <= line.value.end) return { pattern: line.valueText, range: line.value };
  return null;
}

/** The exchange names of the MX records of `domain` in a zone that `pattern` covers (RFC 8461 §4.1), in file order. */
export function mxRecordsCovered(zone: Zone, domain: string, pattern: string): Span[] {
  const out: Span[] = [];
  const apex = `${domain.toLowerCase().replace(/\.$/, '')}.`;
  const { type, source } = zone.records;
  for (let i = 0; i < zone.records.count; i++) {
    if (type[i] !== RR.MX || source[i] !== 0) continue;
    const rec = recordAt(zone, i);
    if (rec.owner !== apex) continue;
    const t = targetName(zone, rec);
    if (t && t.name !== '.' && mxPatternMatches(pattern, t.name.slice(0, -1))) out.push({ start: zone.tokens.start[t.tok]!, end: zone.tokens.end[t.tok]! });
  }
  return out;
}
