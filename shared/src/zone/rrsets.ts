import type { Zone } from './model.ts';
import { ownerIndex } from './owners.ts';

/** Every RRset (same owner, class and type) with more than one record, as record indices in file order. */
export function multiRecordSets(zone: Zone): readonly (readonly number[])[] {
  const cached = cache.get(zone);
  if (cached) return cached;
  const { first, next } = ownerIndex(zone);
  const { type, cls } = zone.records;
  const out: number[][] = [];
  for (let o = 0; o < first.length; o++) {
    const head = first[o]!;
    if (head < 0 || next[head]! < 0) continue;
    const byKey = new Map<number, number[]>();
    for (let i = head; i >= 0; i = next[i]!) {
      const key = type[i]! * 65536 + cls[i]!;
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    }
    for (const list of byKey.values()) if (list.length > 1) out.push(list);
  }
  cache.set(zone, out);
  return out;
}

const cache = new WeakMap<Zone, number[][]>();
