import { TOK_ESCAPED, TOK_QUOTED, TOK_WORD, type Zone, type ZoneRecord } from './model.ts';
import { nameId, recordAt } from './names.ts';
import { derivedArray } from './buffers.ts';
import { carriedFindings } from './carried.ts';
import { checkRdata, type RdataProblem } from './rdata.ts';
import { rdataQuickValid } from './rdata-quick.ts';

/** Records grouped by owner id: each owner's first record and a chain to the next one, in file order. */
export interface OwnerIndex {
  /** First record of each owner id, -1 for none. */
  readonly first: Int32Array;
  /** Index of the next record with the same owner, -1 at the end of a chain. */
  readonly next: Int32Array;
}

const owners = new WeakMap<Zone, OwnerIndex>();
const problems = new WeakMap<Zone, readonly RdataProblem[]>();

/** The owner index of a zone, built once per parse in one pass over the owner column. */
export function ownerIndex(zone: Zone): OwnerIndex {
  let idx = owners.get(zone);
  if (idx) return idx;
  const n = zone.records.count;
  const owner = zone.records.owner;
  const first = derivedArray(zone, Int32Array, zone.names.count).fill(-1);
  const next = derivedArray(zone, Int32Array, n);
  for (let i = n - 1; i >= 0; i--) {
    const o = owner[i]!;
    next[i] = first[o]!;
    first[o] = i;
  }
  idx = { first, next };
  owners.set(zone, idx);
  return idx;
}

/** Records owned by `name` (absolute, lower-case), in file order. */
export function recordsAt(zone: Zone, name: string): ZoneRecord[] {
  const id = nameId(zone, name);
  if (id < 0) return [];
  const idx = ownerIndex(zone);
  const out: ZoneRecord[] = [];
  for (let i = idx.first[id]!; i >= 0; i = idx.next[i]!) out.push(recordAt(zone, i));
  return out;
}

/** Whether `name` owns a record of one of `types`. */
export function hasType(zone: Zone, name: string, types: readonly number[]): boolean {
  const id = nameId(zone, name);
  if (id < 0) return false;
  const idx = ownerIndex(zone);
  for (let i = idx.first[id]!; i >= 0; i = idx.next[i]!) if (types.includes(zone.records.type[i]!)) return true;
  return false;
}

/** Whether a TXT record's RDATA is one or more strings without escapes (and not `\#` data). */
function plainStrings(zone: Zone, i: number): boolean {
  const { rdata, rdataEnd } = zone.records;
  const kind = zone.tokens.kind;
  let any = false;
  for (let t = rdata[i]!; t < rdataEnd[i]!; t++) {
    const k = kind[t]!;
    if (k & TOK_ESCAPED) return false;
    if ((k & 7) === TOK_WORD || (k & 7) === TOK_QUOTED) any = true;
  }
  return any;
}

/**
 * RDATA problems of every record, computed once per parse and shared by the rules that report them. A zone re-read
 * after an edit checks only the records read anew, and again those that had a problem in the earlier parse.
 */
export function rdataProblems(zone: Zone): readonly RdataProblem[] {
  return carriedFindings(zone, problems, (i) => {
    // TXT strings without escapes leave nothing to check here (their length is zone/txt-string-too-long's).
    const t = zone.records.type[i]!;
    if ((t === 16 || t === 99) ? plainStrings(zone, i) : rdataQuickValid(zone, i)) return null;
    return checkRdata(zone, recordAt(zone, i));
  }, (p) => p.record.index);
}
