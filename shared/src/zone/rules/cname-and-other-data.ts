import type { Rule } from '../../rule.ts';
import { previousParse } from '../buffers.ts';
import type { ZoneContext } from '../context.ts';
import { typeIndexes } from '../carried.ts';
import type { Zone } from '../model.ts';
import { recordAt } from '../names.ts';
import { ownerIndex, type OwnerIndex } from '../owners.ts';
import { RR, typeName } from '../rr-types.ts';

// DNSSEC records may sit beside a CNAME (RFC 4035 §2.5).
const ALLOWED = new Set([46, 47, 50]);

/** Whether CNAME record `c` breaks the rule: it is not its name's first CNAME, or its name has other data. */
function breaks(zone: Zone, { first, next }: OwnerIndex, c: number): boolean {
  const { type, owner } = zone.records;
  let firstCname = -1;
  for (let i = first[owner[c]!]!; i >= 0; i = next[i]!) {
    const t = type[i]!;
    if (t === RR.CNAME) {
      if (firstCname < 0) firstCname = i;
    } else if (!ALLOWED.has(t)) {
      return true;
    }
  }
  return firstCname !== c;
}

const breaking = new WeakMap<Zone, readonly number[]>();

/**
 * The CNAME records that break the rule, in file order. Whether one does depends on its name's records only, so after
 * an edit the earlier list is kept, moved by the edit, for the names the edit left alone, and only the CNAMEs of the
 * names it touched (owners of the records read anew and of those it replaced) are looked at again: a keystroke no
 * longer walks every CNAME of the zone (21k of them in a 100k-record zone of bench/gen-zone.mjs).
 */
function breakingCnames(zone: Zone): readonly number[] {
  const known = breaking.get(zone);
  if (known) return known;
  const index = ownerIndex(zone);
  const { type, owner } = zone.records;
  const edit = zone.edit;
  const before = previousParse(zone);
  const earlier = edit && before ? breaking.get(before) : undefined;
  const cnames = typeIndexes(zone, RR.CNAME);
  const list: number[] = [];
  // An edit that replaced more records than the zone has CNAMEs (a `(` that swallows the rest of the file) is cheaper
  // to follow with a walk over every CNAME.
  if (edit && before && earlier && edit.end - edit.start + (edit.previousEnd - edit.start) <= cnames.length) {
    const touched = new Set<number>();
    for (let i = edit.start; i < edit.end; i++) touched.add(owner[i]!);
    for (let j = edit.start; j < edit.previousEnd; j++) touched.add(before.records.owner[j]!);
    const moved = edit.end - edit.previousEnd;
    for (const c of earlier) {
      const at = c < edit.start ? c : c >= edit.previousEnd ? c + moved : -1;
      if (at >= 0 && !touched.has(owner[at]!)) list.push(at);
    }
    for (const o of touched) {
      for (let i = o < index.first.length ? index.first[o]! : -1; i >= 0; i = index.next[i]!) if (type[i] === RR.CNAME && breaks(zone, index, i)) list.push(i);
    }
    list.sort((a, b) => a - b);
  } else {
    for (const c of cnames) if (breaks(zone, index, c)) list.push(c);
  }
  breaking.set(zone, list);
  return list;
}

export const cnameAndOtherData: Rule<ZoneContext> = {
  code: 'zone/cname-and-other-data',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 2181 §10.1',
  summary: 'A name with a CNAME has no other data (and one CNAME only).',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    if (typeIndexes(zone, RR.CNAME).length === 0) return;
    const { first, next } = ownerIndex(zone);
    const { type, owner } = zone.records;
    // A record object and the set of other types are made for the few names that break the rule only.
    for (const c of breakingCnames(zone)) {
      const rec = recordAt(zone, c);
      const range = { start: rec.start, end: rec.end };
      let firstCname = -1;
      const others = new Set<string>();
      for (let i = first[owner[c]!]!; i >= 0; i = next[i]!) {
        if (type[i] === RR.CNAME) {
          if (firstCname < 0) firstCname = i;
        } else if (!ALLOWED.has(type[i]!)) {
          others.add(typeName(type[i]!));
        }
      }
      if (firstCname !== c) {
        report({ range, message: `\`${rec.owner}\` has more than one CNAME; a name is an alias of one target only, so keep one` });
        continue;
      }
      report({ range, message: `\`${rec.owner}\` has a CNAME and also ${[...others].join(', ')} data; resolvers follow the CNAME and ignore the rest: move the other records to the target or replace the CNAME with them` });
    }
  },
};
