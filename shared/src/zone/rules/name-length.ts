import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { TOK_WORD, type Zone } from '../model.ts';
import { absoluteName, nameLengthProblem } from '../name.ts';
import { nameOf, recordAt } from '../names.ts';
import { recordsWhere } from '../carried.ts';
import { nextSignificant } from '../parse.ts';
import { hasNameFields, nameFields } from '../rdata-types.ts';
import { tokenText, zoneSlice } from '../source-text.ts';


export const nameLength: Rule<ZoneContext> = {
  code: 'zone/name-length',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 1035 §2.3.4',
  summary: 'A label is at most 63 octets and a whole name at most 255.',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const tk = zone.tokens;
    const say = (name: string, tok: number, fallback: { start: number; end: number }) => {
      const p = nameLengthProblem(name);
      if (!p) return;
      const range = tok >= 0 ? { start: tk.start[tok]!, end: tk.end[tok]! } : fallback;
      report({
        range,
        message: p.kind === 'label'
          ? `label \`${p.label!.length > 20 ? p.label!.slice(0, 20) + '…' : p.label}\` is ${p.octets} octets; a label holds at most 63, so shorten it`
          : `name is ${p.octets} octets long; a domain name holds at most 255, so shorten it`,
      });
    };
    // A name's or target's length with its origin, without spelling it out (`.` adds one character, another origin
    // its own and a dot); read off arrays, as the tests run over every record of a zone just opened.
    const originLength = zone.origins.map((o) => (o === '.' ? 1 : 1 + o.length));
    // Owners: the records whose owner name is too long (a list carried across edits: an owner id names one name for
    // good, so the answer is the record's own). Each name is said once, at its first record.
    const said = new Set<number>();
    for (const i of recordsWhere(zone, longOwners, (i) => ownerTooLong(zone, i, originLength))) {
      const o = zone.records.owner[i]!;
      if (said.has(o)) continue;
      said.add(o);
      const rec = recordAt(zone, i);
      say(nameOf(zone, o), rec.ownerTok, { start: rec.start, end: rec.end });
    }
    // Targets: only records with a name field too long for the quick test are spelled out (a list carried across edits).
    for (const i of recordsWhere(zone, longTargets, (i) => targetsNotShort(zone, i, originLength, null))) {
      const rec = recordAt(zone, i);
      targetsNotShort(zone, i, originLength, (tok) => say(absoluteName(tokenText(zone, tok), rec.origin), tok, rec));
    }
  },
};

const longOwners = new WeakMap<Zone, readonly number[]>();
const longTargets = new WeakMap<Zone, readonly number[]>();

/** Whether record `i`'s owner name is too long, or holds too long a label. */
function ownerTooLong(zone: Zone, i: number, originLength: readonly number[]): boolean {
  const t = zone.names;
  const o = zone.records.owner[i]!;
  const start = t.start[o]!;
  // A plain ASCII token of at most 63 characters cannot be too long a name, nor hold too long a label.
  if (start >= 0 && t.end[o]! - start + (t.origin[o]! < 0 ? 0 : originLength[t.origin[o]!]!) <= 63) return false;
  return nameLengthProblem(nameOf(zone, o)) !== null;
}

/**
 * Whether record `i` has a name field (NS host, MX exchange, SOA names, RRSIG signer …: rdata-types.ts) that is not a
 * plain word within 63 characters with its origin; with `each`, calls it with every such field's token instead.
 */
function targetsNotShort(zone: Zone, i: number, originLength: readonly number[], each: ((tok: number) => void) | null): boolean {
  const { type, rdata, rdataEnd, origin } = zone.records;
  if (!hasNameFields(type[i]!)) return false;
  const tk = zone.tokens;
  const end = rdataEnd[i]!;
  let tok = nextSignificant(tk.kind, rdata[i]!, end);
  // `\#` data holds no name to measure (read on the characters: no string per record).
  if (tok < end && tk.kind[tok] === TOK_WORD && tk.end[tok]! - tk.start[tok]! === 2 && zoneSlice(zone, tk.start[tok]!, tk.end[tok]!) === '\\#') return false;
  let at = 0;
  let found = false;
  for (const field of nameFields(type[i]!)) {
    for (; at < field && tok < end; at++) tok = nextSignificant(tk.kind, tok + 1, end);
    if (tok >= end) break;
    if (tk.kind[tok] === TOK_WORD && tk.end[tok]! - tk.start[tok]! + originLength[origin[i]!]! <= 63) continue;
    if (each === null) return true;
    found = true;
    each(tok);
  }
  return found;
}
