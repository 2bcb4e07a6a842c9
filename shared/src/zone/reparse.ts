import type { Zone, ZoneDirective, ZoneProblem } from './model.ts';
import { commonEnds, type CommonEnds } from '../text/common-ends.ts';
import { previousParse, recycleZone, roomFor, stockPool, typedArray, type Ctor, type Typed } from './buffers.ts';
import { nameOf } from './names.ts';
import { CHECKPOINT_EVERY, MAX_PROBLEMS, lowerBound, type Allocate, growCheckpoints, growEntries, growRecords, growTokens, internOwners, newRecords, parseZone as parseFromTop, readSource, zoneOf, type State, type ZoneParseOptions } from './parse.ts';

// Re-reading a zone after an edit (the language server, one keystroke in a 100k-record file). The text before the
// edit is read as before, so the parse resumes at the last reading-context snapshot before the edit, reads the
// edited entries anew, and stops at the first snapshot after the edit whose context (origin, TTLs, class, current
// owner) the new reading reproduces: from there on the old entries, tokens and records hold, shifted by the edit's
// length. The result equals `parseZone(text)` up to the ids of names (an owner removed by the edit keeps its id,
// with no records). Anything the snapshots do not cover is parsed from the top: `$INCLUDE`d files and `$GENERATE`
// expansions in the old parse, an unknown origin, edits before the first record, edits of a large part of the file.

/** An edit touching more than this share of the text is parsed from the top: re-reading it would cost as much. */
const MAX_EDIT_SHARE = 0.25;

/**
 * How a re-parse went: the characters read anew (the whole text when it parsed from the top), and of the tokens in
 * them, how many were taken from the earlier parse instead of being scanned again (inside parentheses after the edit).
 */
export interface ReparseStats {
  fromTop: boolean;
  reread: number;
  taken?: number;
}

/** What a caller may add: where to report how it went, and the texts' common ends when it has them already. */
export interface ReparseExtras {
  readonly stats?: ReparseStats;
  readonly ends?: CommonEnds;
  /**
   * Given (even null) when versions form one line, as in an editor: `old` is re-read once and not read after the next
   * version, so its table of spelled-out names is extended in place rather than copied (an id names one name for
   * good). A zone given here is read by no one any more (the version before `old`): its arrays are reused for this
   * one (`recycleZone`).
   */
  readonly recycle?: Zone | null;
}

/**
 * Parse `text`, an edited version of the text `old` was parsed from, with the same options: re-reads only the
 * entries around the edit. Total and never throws, like `parseZone`.
 */
export function reparseZone(old: Zone, text: string, options: ZoneParseOptions = {}, { stats, ends, recycle }: ReparseExtras = {}): Zone {
  const oldText = old.text;
  if (recycle && recycle !== old) recycleZone(recycle);
  const parseZone = (text: string, options: ZoneParseOptions) => {
    if (stats) {
      stats.fromTop = true;
      stats.reread = text.length;
    }
    return parseFromTop(text, options);
  };
  const cp = old.checkpoints;
  const E = old.entries;
  const T = old.tokens;
  const R = old.records;
  if (!cp || cp.count === 0 || old.sources.length !== 1 || old.origin === null || old.problems.length >= MAX_PROBLEMS || R.count === 0) {
    return parseZone(text, options);
  }
  const { prefix, suffix } = ends ?? commonEnds(oldText, text);
  if (prefix === oldText.length && prefix === text.length) {
    if (stats) {
      stats.fromTop = false;
      stats.reread = 0;
    }
    return old;
  }
  const delta = text.length - oldText.length;
  const newEditEnd = text.length - suffix;
  if (Math.max(newEditEnd, oldText.length - suffix) - prefix > text.length * MAX_EDIT_SHARE) return parseZone(text, options);

  // The last snapshot before the edit (strictly: an edit at an entry's first character may join it to the one before).
  let lo = 0;
  let hi = cp.count - 1;
  let k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (E.start[cp.entry[mid]!]! < prefix) {
      k = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (k < 0) return parseZone(text, options);
  const ce = cp.entry[k]!;
  const t0 = E.firstToken[ce]!;
  // Before the first record the reading context holds more (the zone's origin, the missing-owner note): from the top.
  if (R.firstTok[0]! >= t0 || cp.ownerTok[k]! < 0) return parseZone(text, options);
  const regionStart = E.start[ce]!;
  const r0 = lowerBound(R.firstTok, R.count, t0);

  const st = resumeState(old, text, options, k, r0, recycle !== undefined, { start: prefix, end: newEditEnd });
  st.reuse = { kind: T.kind, start: T.start, end: T.end, count: T.count, from: newEditEnd, delta, retry: newEditEnd, closed: false, taken: 0 };
  // Where the new reading meets the old one again: a snapshot after the edit with the same context.
  let j = k + 1;
  let resync = -1;
  const stop = (at: number): boolean => {
    if (at < newEditEnd) return false;
    const oldAt = at - delta;
    while (j < cp.count && E.start[cp.entry[j]!]! < oldAt) j++;
    if (j >= cp.count || E.start[cp.entry[j]!]! !== oldAt || !sameContext(st, old, text, j)) return false;
    resync = j;
    return true;
  };
  const readTo = readSource(st, 0, 0, regionStart, stop);
  if (stats) {
    stats.fromTop = false;
    stats.reread = readTo - regionStart;
    stats.taken = st.reuse.taken;
  }

  const oldEntry = resync >= 0 ? cp.entry[resync]! : E.count;
  const oldTok = resync >= 0 ? E.firstToken[oldEntry]! : T.count;
  const oldEnd = resync >= 0 ? E.start[oldEntry]! : oldText.length;
  const oldRec = lowerBound(R.firstTok, R.count, oldTok);

  // A name is kept as the place its spelling was first read. Before the edit the text is as it was, after it the
  // same characters stand `delta` further on: those names stay, or move. Only a name written across the edited
  // characters is spelled out (its characters are gone). Its records may be gone too: the name keeps its id for good.
  const oldEditEnd = oldText.length - suffix;
  for (let id = 0; id < old.names.count; id++) {
    const s = st.nameStart[id]!;
    if (s < regionStart || st.nameEnd[id]! <= prefix) continue;
    if (s >= oldEditEnd) {
      st.nameStart[id] = s + delta;
      st.nameEnd[id] = st.nameEnd[id]! + delta;
    } else {
      st.spelled.set(id, nameOf(old, id));
      st.nameStart[id] = -1;
      st.nameEnd[id] = -1;
      st.nameOrigin[id] = -1;
    }
  }
  internOwners(st, r0);
  const rereadEnd = st.rec.count;
  appendRest(st, old, { oldEntry, oldTok, oldRec, oldEnd, delta, resync });

  return zoneOf(st, text, old.origin, old.apex, { previous: new WeakRef(old), start: r0, end: rereadEnd, previousEnd: oldRec, delta });
}


/**
 * The room a re-parse of `old` gives its arrays, for an edit that wrote `chars` characters holding `breaks` line
 * breaks: everything the old zone held plus what the edit is likely to add (the parser grows the arrays beyond that).
 * An entry takes a line, and a token with the blank after it some four characters or more (`host1 IN A 192.0.2.1` is
 * five in 20), so a paste of 1,000 lines asks for 1,000 more entries and records, not one per character. Rounded up, so the arrays of the version two back (given for reuse) fit
 * the next version's few more elements: asking for far more than an edit adds would often miss them.
 */
function capacities(old: Zone, chars: number, breaks: number): { tokCap: number; entCap: number; recCap: number; nameCap: number } {
  return {
    tokCap: roomFor(old.tokens.count + (chars >> 2) + 1024),
    entCap: roomFor(old.entries.count + breaks + 256),
    recCap: roomFor(old.records.count + breaks + 256),
    nameCap: roomFor(old.names.count + 1024),
  };
}

/**
 * Make the arrays a re-parse of `zone` will write, ahead, with `allocate`, and put them in the pool (`stockPool`).
 * For a large zone just opened in an editor: its first keystroke has no earlier version whose arrays it could take
 * (some 16 MB for 100k records), and the language server's `allocate` has their pages touched on the other core
 * while the zone is linted, so that keystroke writes into memory already there instead of page-faulting.
 */
export function stockForReparse(zone: Zone, allocate: Allocate): void {
  const { tokens: T, entries: E, records: R, names: N } = zone;
  const { tokCap, entCap, recCap, nameCap } = capacities(zone, 0, 0);
  const shape = (cap: number) => (a: Typed): readonly [Ctor<Typed>, number] => [a.constructor as Ctor<Typed>, cap];
  stockPool([
    ...[T.kind, T.start, T.end].map(shape(tokCap)),
    ...[E.kind, E.start, E.end, E.firstToken].map(shape(entCap)),
    ...[R.source, R.firstTok, R.hasOwner, R.owner, R.ttl, R.cls, R.type, R.typeTok, R.rdata, R.rdataEnd, R.origin].map(shape(recCap)),
    ...[N.hashes, N.start, N.end, N.origin].map(shape(nameCap)),
    shape(N.slots.length)(N.slots),
  ], allocate);
}

/** The parser's state before entry `cp.entry[k]` of `old`, with copies of everything before it (the old zone stays intact). */
function resumeState(old: Zone, text: string, options: ZoneParseOptions, k: number, r0: number, linear: boolean, written: { start: number; end: number }): State {
  const cp = old.checkpoints!;
  const E = old.entries;
  const T = old.tokens;
  const R = old.records;
  const N = old.names;
  const ce = cp.entry[k]!;
  const t0 = E.firstToken[ce]!;
  const regionStart = E.start[ce]!;
  let breaks = 0;
  for (let i = written.start; i < written.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) breaks++;
  }
  const { tokCap, entCap, recCap, nameCap } = capacities(old, written.end - written.start, breaks);
  const tk = typedArray(Uint8Array, tokCap); tk.set(T.kind.subarray(0, t0));
  const ts = typedArray(Int32Array, tokCap); ts.set(T.start.subarray(0, t0));
  const te = typedArray(Int32Array, tokCap); te.set(T.end.subarray(0, t0));
  const ek = typedArray(Uint8Array, entCap); ek.set(E.kind.subarray(0, ce));
  const es = typedArray(Int32Array, entCap); es.set(E.start.subarray(0, ce));
  const ee = typedArray(Int32Array, entCap); ee.set(E.end.subarray(0, ce));
  const ef = typedArray(Int32Array, entCap); ef.set(E.firstToken.subarray(0, ce));
  const rec = newRecords(recCap);
  rec.count = r0;
  rec.source.set(R.source.subarray(0, r0)); rec.firstTok.set(R.firstTok.subarray(0, r0)); rec.hasOwner.set(R.hasOwner.subarray(0, r0));
  rec.owner.set(R.owner.subarray(0, r0)); rec.ttl.set(R.ttl.subarray(0, r0)); rec.cls.set(R.cls.subarray(0, r0)); rec.type.set(R.type.subarray(0, r0));
  rec.typeTok.set(R.typeTok.subarray(0, r0)); rec.rdata.set(R.rdata.subarray(0, r0)); rec.rdataEnd.set(R.rdataEnd.subarray(0, r0));
  rec.origin.set(R.origin.subarray(0, r0));
  const copyNames = (a: Int32Array) => {
    const g = typedArray(Int32Array, nameCap);
    g.set(a.subarray(0, N.count));
    return g;
  };
  const checkpoints = growCheckpoints({ ...cp, count: k }, cp.count + 64);
  const originId = cp.originId[k]!;
  return {
    tk, ts, te, nt: t0, ek, es, ee, ef, ne: ce, rec,
    nameCount: N.count, nameHashes: copyNames(N.hashes), nameStart: copyNames(N.start), nameEnd: copyNames(N.end), nameOrigin: copyNames(N.origin),
    spelled: linear ? (N.spelled as Map<number, string>) : new Map(N.spelled), slots: copyOf(N.slots), origins: [...old.origins], originId,
    ownerTok: cp.ownerTok[k]!, ownerOrigin: cp.ownerOrigin[k]!, ownerOrigins: new Map(),
    directives: old.directives.filter((d) => d.span.start < regionStart),
    problems: old.problems.filter((p) => p.range.start < regionStart),
    sources: [{ kind: 'file', path: options.path ?? null, text, base: 0, parent: -1, via: null }],
    nextBase: text.length + 1, readInclude: options.readInclude, includeRoot: options.includeRoot,
    origin: old.origins[originId]!, originWarned: false, defaultTtl: cp.defaultTtl[k]!, lastTtl: cp.lastTtl[k]!, cls: cp.cls[k]!,
    firstDirectiveOrigin: old.origin, seenRecord: true, ownerMissing: false, suffixOf: '', suffix: { hash: 0, pow: 1 },
    cp: checkpoints, lastCheckpoint: ce - CHECKPOINT_EVERY, reuse: null,
  };
}

/** Whether the new reading's context equals the old snapshot `j`'s: then the rest reads as it did. */
function sameContext(st: State, old: Zone, text: string, j: number): boolean {
  const cp = old.checkpoints!;
  if (st.defaultTtl !== cp.defaultTtl[j] || st.lastTtl !== cp.lastTtl[j] || st.cls !== cp.cls[j]) return false;
  if (st.origins[st.originId] !== old.origins[cp.originId[j]!] || st.origins[st.ownerOrigin] !== old.origins[cp.ownerOrigin[j]!]) return false;
  const a = st.ownerTok;
  const b = cp.ownerTok[j]!;
  if (a < 0 || b < 0) return a === b;
  const T = old.tokens;
  if (st.tk[a] !== T.kind[b] || st.te[a]! - st.ts[a]! !== T.end[b]! - T.start[b]! || st.te[a]! > text.length || T.end[b]! > old.text.length) return false;
  return text.slice(st.ts[a]!, st.te[a]!) === old.text.slice(T.start[b]!, T.end[b]!);
}

interface Rest {
  /** First old entry, token and record after the re-read part, and the old offset where it starts. */
  readonly oldEntry: number;
  readonly oldTok: number;
  readonly oldRec: number;
  readonly oldEnd: number;
  readonly delta: number;
  /** The old snapshot the readings met at, -1 when the new one ran to the end. */
  readonly resync: number;
}

/** Append the old zone's entries, tokens, records, directives, problems and snapshots after the re-read part, moved. */
function appendRest(st: State, old: Zone, rest: Rest): void {
  const { oldEntry, oldTok, oldRec, oldEnd, delta, resync } = rest;
  const T = old.tokens;
  const E = old.entries;
  const R = old.records;
  const dT = st.nt - oldTok;
  const dE = st.ne - oldEntry;

  const nTok = T.count - oldTok;
  if (st.nt + nTok > st.tk.length) growTokens(st, st.nt + nTok);
  st.tk.set(T.kind.subarray(oldTok, T.count), st.nt);
  st.ts.set(T.start.subarray(oldTok, T.count), st.nt);
  st.te.set(T.end.subarray(oldTok, T.count), st.nt);
  addTo(st.ts, st.nt, st.nt + nTok, delta);
  addTo(st.te, st.nt, st.nt + nTok, delta);
  st.nt += nTok;

  const nEnt = E.count - oldEntry;
  if (st.ne + nEnt > st.ek.length) growEntries(st, st.ne + nEnt);
  st.ek.set(E.kind.subarray(oldEntry, E.count), st.ne);
  st.es.set(E.start.subarray(oldEntry, E.count), st.ne);
  st.ee.set(E.end.subarray(oldEntry, E.count), st.ne);
  st.ef.set(E.firstToken.subarray(oldEntry, E.count), st.ne);
  addTo(st.es, st.ne, st.ne + nEnt, delta);
  addTo(st.ee, st.ne, st.ne + nEnt, delta);
  addTo(st.ef, st.ne, st.ne + nEnt, dT);
  st.ne += nEnt;

  const nRec = R.count - oldRec;
  if (st.rec.count + nRec > st.rec.type.length) st.rec = growRecords(st.rec, st.rec.count + nRec);
  const r = st.rec;
  const at = r.count;
  r.source.set(R.source.subarray(oldRec, R.count), at); r.hasOwner.set(R.hasOwner.subarray(oldRec, R.count), at);
  r.owner.set(R.owner.subarray(oldRec, R.count), at); r.ttl.set(R.ttl.subarray(oldRec, R.count), at); r.cls.set(R.cls.subarray(oldRec, R.count), at);
  r.type.set(R.type.subarray(oldRec, R.count), at); r.origin.set(R.origin.subarray(oldRec, R.count), at);
  for (const key of ['firstTok', 'typeTok', 'rdata', 'rdataEnd'] as const) {
    r[key].set(R[key].subarray(oldRec, R.count), at);
    addTo(r[key], at, at + nRec, dT);
  }
  r.count += nRec;

  for (const d of old.directives) if (d.span.start >= oldEnd) st.directives.push(movedDirective(d, delta, dT));
  for (const p of old.problems) if (p.range.start >= oldEnd) st.problems.push(movedProblem(p, delta));

  if (resync < 0) return;
  const cp = old.checkpoints!;
  const owner = st.ownerTok;
  if (st.cp.count + cp.count - resync > st.cp.entry.length) st.cp = growCheckpoints(st.cp, st.cp.count + cp.count - resync);
  const c = st.cp;
  for (let m = resync; m < cp.count; m++) {
    const n = c.count++;
    c.entry[n] = cp.entry[m]! + dE;
    c.originId[n] = cp.originId[m]!;
    c.defaultTtl[n] = cp.defaultTtl[m]!;
    c.lastTtl[n] = cp.lastTtl[m]!;
    c.cls[n] = cp.cls[m]!;
    // An owner written before the meeting point is the one the new reading holds there.
    c.ownerTok[n] = cp.ownerTok[m]! >= oldTok ? cp.ownerTok[m]! + dT : owner;
    c.ownerOrigin[n] = cp.ownerOrigin[m]!;
  }
}

function movedDirective(d: ZoneDirective, delta: number, dT: number): ZoneDirective {
  return { ...d, span: { start: d.span.start + delta, end: d.span.end + delta }, tok: d.tok + dT, argsEnd: d.argsEnd + dT };
}

function movedProblem(p: ZoneProblem, delta: number): ZoneProblem {
  return { ...p, range: { start: p.range.start + delta, end: p.range.end + delta } };
}

/** A copy of `a` (in an array from the pool when one fits). */
function copyOf(a: Int32Array): Int32Array {
  const g = typedArray(Int32Array, a.length);
  g.set(a);
  return g;
}

/** Add `d` to `a[from, to)`. */
function addTo(a: Int32Array, from: number, to: number, d: number): void {
  if (d === 0) return;
  for (let i = from; i < to; i++) a[i] = (a[i]! + d) | 0;
}


/**
 * Whether the edit that made `zone` (a re-parse) may have added, removed or changed a record of one of `types`: true
 * unless both the records read anew and the ones they replaced hold none (true as well when it is unknown).
 */
export function editTouches(zone: Zone, types: readonly number[]): boolean {
  const edit = zone.edit;
  const previous = previousParse(zone);
  if (!edit || !previous) return true;
  for (let i = edit.start; i < edit.end; i++) if (types.includes(zone.records.type[i]!)) return true;
  for (let i = edit.start; i < edit.previousEnd; i++) if (types.includes(previous.records.type[i]!)) return true;
  return false;
}

