import { typeIndexes } from './carried.ts';
import type { RecordTable, Zone, ZoneRecord } from './model.ts';
import { sourceAt, zoneSlice } from './source-text.ts';

// Owner names are interned by a hash computed while reading the token and kept as "token + origin", so a 1M-record
// zone builds its owner index without a million strings or Map insertions (and the GC has little to trace).

// A polynomial hash, so the hash of `label.origin` composes from the label's and a per-origin one without
// walking the origin's characters for every name; `mixHash` spreads it before it picks a table slot.

/** Multiplier of the polynomial name hash. */
export const HASH_MUL = 0x01000193;

/** One step of the polynomial hash. */
export function hashStep(h: number, c: number): number {
  return (Math.imul(h, HASH_MUL) + c) | 0;
}

/** Polynomial hash of a string, and HASH_MUL to the power of its length (to append it to another hash). */
export function hashSuffix(s: string): { hash: number; pow: number } {
  let hash = 0;
  let pow = 1;
  for (let i = 0; i < s.length; i++) {
    hash = hashStep(hash, s.charCodeAt(i));
    pow = Math.imul(pow, HASH_MUL);
  }
  return { hash, pow };
}

/** Final avalanche (murmur3 fmix32), so the low bits that pick a slot depend on every character. */
export function mixHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Table hash of a whole name. */
export function hashString(s: string): number {
  return mixHash(hashSuffix(s).hash);
}

/** The absolute lower-case owner name with id `id`. */
export function nameOf(zone: Zone, id: number): string {
  const t = zone.names;
  const start = t.start[id]!;
  if (start < 0) return t.spelled.get(id) ?? '.';
  const raw = zoneSlice(zone, start, t.end[id]!).toLowerCase();
  const o = t.origin[id]!;
  if (o < 0) return raw;
  const origin = zone.origins[o]!;
  return origin === '.' ? raw + '.' : raw + '.' + origin;
}

/** Length in characters of name `id` without spelling it out. */
export function nameLength(zone: Zone, id: number): number {
  const t = zone.names;
  const start = t.start[id]!;
  if (start < 0) return (t.spelled.get(id) ?? '.').length;
  const o = t.origin[id]!;
  const raw = t.end[id]! - start;
  if (o < 0) return raw;
  const origin = zone.origins[o]!;
  return raw + (origin === '.' ? 1 : 1 + origin.length);
}

/** Id of `name` (absolute, lower-case) among the zone's owner names, or -1 when no record is owned by it. */
export function nameId(zone: Zone, name: string): number {
  const t = zone.names;
  const mask = (t.slots.length >> 1) - 1;
  const h = hashString(name);
  for (let i = h & mask; ; i = (i + 1) & mask) {
    const v = t.slots[i << 1]!;
    if (v === 0) return -1;
    const id = v - 1;
    if (t.slots[(i << 1) + 1] === h && sameName(zone, id, name)) return id;
  }
}

/** Whether owner name `id` is `name`, compared on the characters it was written with. */
function sameName(zone: Zone, id: number, name: string): boolean {
  const t = zone.names;
  const start = t.start[id]!;
  if (start < 0) return t.spelled.get(id) === name;
  if (nameLength(zone, id) !== name.length) return false;
  const src = sourceAt(zone, start);
  const s = start - src.base;
  const n = t.end[id]! - start;
  for (let k = 0; k < n; k++) {
    let c = src.text.charCodeAt(s + k);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== name.charCodeAt(k)) return false;
  }
  const o = t.origin[id]!;
  if (o < 0) return true;
  if (name.charCodeAt(n) !== 46) return false;
  const origin = zone.origins[o]!;
  return origin === '.' || name.endsWith(origin);
}

/** A record as an object: a view over the columns (build them for the records a rule looks at, not for all). */
class RecordView implements ZoneRecord {
  constructor(private readonly zone: Zone, readonly index: number) {}
  private get r(): RecordTable { return this.zone.records; }
  get source(): number { return this.r.source[this.index]!; }
  get start(): number { return this.zone.tokens.start[this.r.firstTok[this.index]!]!; }
  get end(): number { return recordEnd(this.zone, this.index); }
  get owner(): string { return nameOf(this.zone, this.r.owner[this.index]!); }
  get ownerId(): number { return this.r.owner[this.index]!; }
  get ownerTok(): number { return this.r.hasOwner[this.index] === 1 ? this.r.firstTok[this.index]! : -1; }
  get ttl(): number { return this.r.ttl[this.index]!; }
  get ttlTok(): number { return fieldTok(this.zone, this.index, true); }
  get cls(): number { return this.r.cls[this.index]!; }
  get clsTok(): number { return fieldTok(this.zone, this.index, false); }
  get type(): number { return this.r.type[this.index]!; }
  get typeTok(): number { return this.r.typeTok[this.index]!; }
  get rdata(): number { return this.r.rdata[this.index]!; }
  get rdataEnd(): number { return this.r.rdataEnd[this.index]!; }
  get origin(): string { return this.zone.origins[this.r.origin[this.index]!]!; }
}

/** The TTL (`ttl`: a token starting with a digit) or the class token of record `i`, between its owner and type; -1. */
export function fieldTok(zone: Zone, i: number, ttl: boolean): number {
  const tk = zone.tokens;
  const r = zone.records;
  const typeTok = r.typeTok[i]!;
  for (let t = r.firstTok[i]! + r.hasOwner[i]!; t < typeTok; t++) {
    if ((tk.kind[t]! & 7) !== 0) continue;
    const c = zoneSlice(zone, tk.start[t]!, tk.start[t]! + 1).charCodeAt(0);
    if ((c >= 48 && c <= 57) === ttl) return t;
  }
  return -1;
}

/** End of record `i`: the end of its last token that is not a comment. */
export function recordEnd(zone: Zone, i: number): number {
  const tk = zone.tokens;
  const first = zone.records.firstTok[i]!;
  let t = zone.records.rdataEnd[i]! - 1;
  while (t > first && (tk.kind[t]! & 7) === 4) t--;
  return tk.end[t]!;
}

/** Record `i` as an object. */
export function recordAt(zone: Zone, i: number): ZoneRecord {
  return new RecordView(zone, i);
}

/** Records of the given types, in file order. */
export function recordsOfType(zone: Zone, ...types: number[]): ZoneRecord[] {
  if (types.length === 1) return Array.from(typeIndexes(zone, types[0]!), (i) => recordAt(zone, i));
  const all: number[] = [];
  for (const t of new Set(types)) for (const i of typeIndexes(zone, t)) all.push(i);
  return all.sort((a, b) => a - b).map((i) => recordAt(zone, i));
}

/** Whether owner name `id` starts with `prefix` (ASCII, lower-case), without spelling it out. */
export function nameStartsWith(zone: Zone, id: number, prefix: string): boolean {
  const t = zone.names;
  const start = t.start[id]!;
  if (start < 0) return nameOf(zone, id).startsWith(prefix);
  const len = t.end[id]! - start;
  const src = sourceAt(zone, start);
  const s = start - src.base;
  if (len < prefix.length) return spelledStartsWith(zone, src.text, s, len, t.origin[id]!, prefix) ?? nameOf(zone, id).startsWith(prefix);
  for (let k = 0; k < prefix.length; k++) if ((src.text.charCodeAt(s + k) | 0x20) !== (prefix.charCodeAt(k) | 0x20)) return false;
  return true;
}

/**
 * `nameOf(…).startsWith(prefix)` for a name kept as the plain ASCII token `text[s, s + len)` (shorter than the
 * prefix) and origin id `o` (-1: absolute), without spelling it out: most owners of a zone fail on the first character.
 * Null for a character beyond ASCII, whose lower case only `toLowerCase` knows.
 */
function spelledStartsWith(zone: Zone, text: string, s: number, len: number, o: number, prefix: string): boolean | null {
  for (let k = 0; k < len; k++) {
    const c = text.charCodeAt(s + k);
    if (c > 127) return null;
    if ((c >= 65 && c <= 90 ? c | 32 : c) !== prefix.charCodeAt(k)) return false;
  }
  if (o < 0) return false; // the name is the token alone, shorter than the prefix
  if (prefix.charCodeAt(len) !== 46) return false;
  const origin = zone.origins[o]!;
  const rest = prefix.length - len - 1;
  if (origin === '.') return rest === 0;
  if (origin.length < rest) return false;
  for (let k = 0; k < rest; k++) if (origin.charCodeAt(k) !== prefix.charCodeAt(len + 1 + k)) return false;
  return true;
}
