import type { Zone } from './model.ts';
import { ownerIndex } from './owners.ts';

/** RRsets with more than one record: record indices of all sets in one flat list, and where each set starts. */
export interface MultiRecordSets {
  readonly records: Int32Array;
  /** Set `k` is `records[starts[k] .. starts[k + 1])`; `starts` has one entry more than there are sets. */
  readonly starts: Int32Array;
}

const cache = new WeakMap<Zone, MultiRecordSets>();

/** Every RRset (same owner, class and type) with more than one record, in file order within each set. */
export function multiRecordSets(zone: Zone): MultiRecordSets {
  const cached = cache.get(zone);
  if (cached) return cached;
  const { first, next } = ownerIndex(zone);
  const { type, cls } = zone.records;
  const records: number[] = [];
  const starts: number[] = [0];
  const members: number[] = [];
  for (let o = 0; o < first.length; o++) {
    const head = first[o]!;
    if (head < 0 || next[head]! < 0) continue;
    // An owner's records grouped by class and type: owners hold a handful, so a scan per record is cheap.
    members.length = 0;
    for (let i = head; i >= 0; i = next[i]!) members.push(i);
    // A huge owner (thousands of records of many types) would make the scan below quadratic: use a map.
    if (members.length > 256) {
      groupLarge(members, type, cls, records, starts);
      continue;
    }
    const done = new Uint8Array(members.length);
    for (let a = 0; a < members.length; a++) {
      if (done[a]) continue;
      const i = members[a]!;
      let size = 1;
      const at = records.length;
      records.push(i);
      for (let b = a + 1; b < members.length; b++) {
        const j = members[b]!;
        if (done[b] || type[j] !== type[i] || cls[j] !== cls[i]) continue;
        done[b] = 1;
        records.push(j);
        size++;
      }
      if (size > 1) starts.push(records.length);
      else records.length = at;
    }
  }
  const sets = { records: Int32Array.from(records), starts: Int32Array.from(starts) };
  cache.set(zone, sets);
  return sets;
}

function groupLarge(members: readonly number[], type: Uint16Array, cls: Uint16Array, records: number[], starts: number[]): void {
  const byKey = new Map<number, number[]>();
  for (const i of members) {
    const key = type[i]! * 65536 + cls[i]!;
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  }
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    for (const i of list) records.push(i);
    starts.push(records.length);
  }
}

/** The sets of `multiRecordSets` one by one, as index lists. */
export function* eachSet(sets: MultiRecordSets): Generator<Int32Array> {
  for (let k = 0; k + 1 < sets.starts.length; k++) yield sets.records.subarray(sets.starts[k]!, sets.starts[k + 1]!);
}
