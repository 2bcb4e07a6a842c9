// Lists of records computed once per parse and carried across edits: a zone re-read after an edit (reparse.ts) keeps
// the earlier parse's records before and after the part it read anew, so a test that depends on a record alone needs
// to run only on the records read anew and on those the earlier list held.
import { previousParse } from './buffers.ts';
import type { Zone } from './model.ts';

/**
 * The records of `zone` for which `test` holds, in file order, computed once per parse and zone (`cache` is the
 * caller's). A zone re-read after an edit tests only the records read anew and those the earlier parse listed (at
 * their new index): `test` must depend on the record's own tokens, type and origin, which an edit elsewhere leaves
 * as they were. Most lists are empty, so a keystroke costs the edited records, not the zone.
 */
export function recordsWhere(zone: Zone, cache: WeakMap<Zone, Int32Array>, test: (i: number) => boolean): Int32Array {
  let list = cache.get(zone);
  if (list) return list;
  const out: number[] = [];
  const edit = zone.edit;
  const before = previousParse(zone);
  const earlier = edit && before ? cache.get(before) : undefined;
  if (edit && earlier) {
    const moved = edit.end - edit.previousEnd;
    let k = 0;
    for (; k < earlier.length && earlier[k]! < edit.start; k++) if (test(earlier[k]!)) out.push(earlier[k]!);
    for (let i = edit.start; i < edit.end; i++) if (test(i)) out.push(i);
    for (; k < earlier.length; k++) if (earlier[k]! >= edit.previousEnd && test(earlier[k]! + moved)) out.push(earlier[k]! + moved);
  } else {
    for (let i = 0; i < zone.records.count; i++) if (test(i)) out.push(i);
  }
  list = Int32Array.from(out);
  cache.set(zone, list);
  return list;
}

const ofType = new Map<number, WeakMap<Zone, Int32Array>>();

/** Indexes of the records of type `type`, in file order (carried across edits: `recordsWhere`). */
export function typeIndexes(zone: Zone, type: number): Int32Array {
  let cache = ofType.get(type);
  if (!cache) ofType.set(type, (cache = new WeakMap()));
  const col = zone.records.type;
  return recordsWhere(zone, cache, (i) => col[i] === type);
}
