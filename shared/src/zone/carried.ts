// Lists of records computed once per parse and carried across edits: a zone re-read after an edit (reparse.ts) keeps
// the earlier parse's records before and after the part it read anew, so a test that depends on a record alone needs
// to run only on the records read anew and on those the earlier list held.
import { previousParse } from './buffers.ts';
import type { Zone } from './model.ts';

/**
 * One finding per record for which `find` gives one, in file order, computed once per parse and zone (`cache` is the
 * caller's; `recordOf` reads a finding's record index). A zone re-read after an edit asks only about the records read
 * anew and those the earlier parse had findings for (at their new index): `find` must depend on the record's own
 * tokens, type and origin, which an edit elsewhere leaves as they were. Most lists are short, so a keystroke costs
 * the edited records, not the zone.
 */
export function carriedFindings<T>(zone: Zone, cache: WeakMap<Zone, readonly T[]>, find: (i: number) => T | null, recordOf: (t: T) => number): readonly T[] {
  let list = cache.get(zone);
  if (list) return list;
  const out: T[] = [];
  const ask = (i: number) => {
    const t = find(i);
    if (t !== null) out.push(t);
  };
  const edit = zone.edit;
  const before = previousParse(zone);
  const earlier = edit && before ? cache.get(before) : undefined;
  if (edit && earlier) {
    const moved = edit.end - edit.previousEnd;
    let k = 0;
    for (; k < earlier.length && recordOf(earlier[k]!) < edit.start; k++) ask(recordOf(earlier[k]!));
    for (let i = edit.start; i < edit.end; i++) ask(i);
    for (; k < earlier.length; k++) if (recordOf(earlier[k]!) >= edit.previousEnd) ask(recordOf(earlier[k]!) + moved);
  } else {
    for (let i = 0; i < zone.records.count; i++) ask(i);
  }
  list = out;
  cache.set(zone, list);
  return list;
}

/**
 * The records of `zone` for which `test` holds, in file order. `test` reads the record alone, as `carriedFindings`'
 * `find` does; its answer for a record the edit did not touch is the earlier one, so after an edit only the records
 * read anew are tested and the earlier list's others are copied, moved by the edit (on 1M records the lists of a
 * type hold 100k entries or more, and testing them again cost 25 ms per keystroke).
 */
export function recordsWhere(zone: Zone, cache: WeakMap<Zone, readonly number[]>, test: (i: number) => boolean): readonly number[] {
  let list = cache.get(zone);
  if (list) return list;
  const edit = zone.edit;
  const before = previousParse(zone);
  const earlier = edit && before ? cache.get(before) : undefined;
  const out: number[] = [];
  if (edit && earlier) {
    const moved = edit.end - edit.previousEnd;
    let k = 0;
    for (; k < earlier.length && earlier[k]! < edit.start; k++) out.push(earlier[k]!);
    for (let i = edit.start; i < edit.end; i++) if (test(i)) out.push(i);
    for (; k < earlier.length; k++) if (earlier[k]! >= edit.previousEnd) out.push(earlier[k]! + moved);
  } else {
    for (let i = 0; i < zone.records.count; i++) if (test(i)) out.push(i);
  }
  list = out;
  cache.set(zone, list);
  return list;
}

const ofType = new Map<number, WeakMap<Zone, readonly number[]>>();

/**
 * Indexes of the records of type `type`, in file order. A zone re-read after an edit carries the earlier parse's list
 * (`recordsWhere`); any other is read off the type column in a plain loop (a pass over a million records costs
 * 1 to 2 ms so, against 8 through a test function).
 */
export function typeIndexes(zone: Zone, type: number): readonly number[] {
  let cache = ofType.get(type);
  if (!cache) ofType.set(type, (cache = new WeakMap()));
  const known = cache.get(zone);
  if (known) return known;
  const col = zone.records.type;
  const before = previousParse(zone);
  if (zone.edit && before && cache.has(before)) return recordsWhere(zone, cache, (i) => col[i] === type);
  const list: number[] = [];
  for (let i = 0; i < zone.records.count; i++) if (col[i] === type) list.push(i);
  cache.set(zone, list);
  return list;
}
