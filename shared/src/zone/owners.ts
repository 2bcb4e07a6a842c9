import { TOK_ESCAPED, TOK_QUOTED, TOK_WORD, type Zone, type ZoneEdit, type ZoneRecord } from './model.ts';
import { nameId, recordAt } from './names.ts';
import { derivedArray, previousParse } from './buffers.ts';
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

/**
 * The owner index of a zone, once per parse. A zone re-read after an edit moves the earlier parse's chains (the
 * records before and after the edit keep their owners and order) and links in only the records read anew; any other
 * is built in one pass over the owner column.
 */
export function ownerIndex(zone: Zone): OwnerIndex {
  let idx = owners.get(zone);
  if (idx) return idx;
  const before = previousParse(zone);
  const earlier = zone.edit && before ? owners.get(before) : undefined;
  idx = earlier ? movedIndex(zone, zone.edit!, earlier) : builtIndex(zone);
  owners.set(zone, idx);
  return idx;
}

function builtIndex(zone: Zone): OwnerIndex {
  const n = zone.records.count;
  const owner = zone.records.owner;
  const first = derivedArray(zone, Int32Array, zone.names.count).fill(-1);
  const next = derivedArray(zone, Int32Array, n);
  for (let i = n - 1; i >= 0; i--) {
    const o = owner[i]!;
    next[i] = first[o]!;
    first[o] = i;
  }
  return { first, next };
}

/** The earlier parse's owner index with its records moved past the edit, and the records read anew linked in. */
function movedIndex(zone: Zone, edit: ZoneEdit, earlier: OwnerIndex): OwnerIndex {
  const { start, end, previousEnd } = edit;
  const moved = end - previousEnd;
  const F = earlier.first;
  const X = earlier.next;
  const first = derivedArray(zone, Int32Array, zone.names.count).fill(-1);
  const next = derivedArray(zone, Int32Array, zone.records.count);
  // An earlier record's successor in its chain, skipping the records the edit replaced, at its new index.
  const kept = (k: number): number => {
    while (k >= start && k < previousEnd) k = X[k]!;
    return k < 0 ? -1 : k < start ? k : k + moved;
  };
  for (let o = 0; o < F.length; o++) first[o] = kept(F[o]!);
  for (let j = 0; j < start; j++) next[j] = kept(X[j]!);
  for (let j = previousEnd; j < X.length; j++) next[j + moved] = kept(X[j]!);
  // The records read anew, in order: each after the last record of its owner before it.
  const owner = zone.records.owner;
  const last = new Map<number, number>();
  for (let i = start; i < end; i++) {
    const o = owner[i]!;
    let p = last.get(o) ?? -1;
    let k = p < 0 ? first[o]! : next[p]!;
    while (k >= 0 && k < i) {
      p = k;
      k = next[k]!;
    }
    next[i] = k;
    if (p < 0) first[o] = i;
    else next[p] = i;
    last.set(o, i);
  }
  return { first, next };
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
