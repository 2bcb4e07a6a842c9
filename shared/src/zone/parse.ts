import type { Span } from '../diagnostic.ts';
import { roomFor, typedArray } from './buffers.ts';
import { expandGenerate } from './generate.ts';
import {
  ENTRY_BLANK, ENTRY_DIRECTIVE, ENTRY_ERROR, ENTRY_RECORD, TOK_COMMENT, TOK_ESCAPED, TOK_LPAREN, TOK_QUOTED,
  TOK_RPAREN, TOK_UNTERMINATED, TOK_WORD,
  type DirectiveName, type RecordTable, type Zone, type ZoneCheckpoints, type ZoneEdit, type ZoneDirective, type ZoneProblem, type ZoneSource,
} from './model.ts';
import { hashStep, hashString, hashSuffix, mixHash } from './names.ts';
import { absoluteName, isAbsolute, normalizeOrigin, originFromPath } from './name.ts';
import { RR, classCodeAt, typeCodeAt, typeName } from './rr-types.ts';
import { MAX_TTL, parseTtl } from './ttl.ts';

/** Reads an `$INCLUDE`d file: `path` as written, relative to `fromPath`; null when it cannot be read. */
export type ReadInclude = (path: string, fromPath: string) => string | null;

/** What the parser needs beyond the text. */
export interface ZoneParseOptions {
  /** Origin to start with (`example.com`); else taken from the file name (`db.example.com`, `example.com.zone`). */
  readonly origin?: string;
  /** Path of the file, for the origin guess and for resolving `$INCLUDE`. */
  readonly path?: string;
  readonly readInclude?: ReadInclude;
  /** Relative `$INCLUDE` paths are read from this directory (BIND's working directory), not the including file's. */
  readonly includeRoot?: string;
  /**
   * Makes the parse's large arrays (tokens, entries, records, the name table), zero-filled. The CLI gives one that
   * shares them with a thread touching their pages first (a fresh page costs more than the parse writing it).
   */
  readonly allocate?: Allocate;
}

/** Makes a zero-filled typed array of `n` elements. */
export type Allocate = <T extends Uint8Array | Uint16Array | Int32Array>(ctor: { new (n: number): T; readonly BYTES_PER_ELEMENT: number }, n: number) => T;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MutableRecords = Mutable<RecordTable>;

/** At most this many syntax problems are kept: 50 MB of garbage must not make millions of them. */
export const MAX_PROBLEMS = 20_000;

/** Characters that end an unquoted word: blanks, line breaks, `;`, `(`, `)`, `"`. */
const WORD_END = new Uint8Array(60);
for (const c of [32, 9, 10, 13, 59, 40, 41, 34]) WORD_END[c] = 1;

/** Deeper `$INCLUDE` nesting than this is reported, not followed (bounds a 10 000-deep chain). */
const MAX_INCLUDE_DEPTH = 16;
/** At most this many included files and expansions per zone, so an include fan-out cannot blow up. */
const MAX_SOURCES = 1024;
/** Virtual gap between sources, so an offset never belongs to two. */
const SOURCE_GAP = 1;
/** Entries between reading-context snapshots: an edit re-reads at most this many entries before and after it. */
export const CHECKPOINT_EVERY = 32;

type MutableCheckpoints = Mutable<ZoneCheckpoints>;

export interface State {
  tk: Uint8Array;
  ts: Int32Array;
  te: Int32Array;
  nt: number;
  ek: Uint8Array;
  es: Int32Array;
  ee: Int32Array;
  ef: Int32Array;
  ne: number;
  rec: MutableRecords;
  nameCount: number;
  nameHashes: Int32Array;
  nameStart: Int32Array;
  nameEnd: Int32Array;
  nameOrigin: Int32Array;
  readonly spelled: Map<number, string>;
  slots: Int32Array;
  readonly origins: string[];
  originId: number;
  /** Token the current owner was written as (-1: none yet), and the origin id then. */
  ownerTok: number;
  ownerOrigin: number;
  /** Records whose owner was read under another origin than their RDATA (a `$ORIGIN` between). */
  readonly ownerOrigins: Map<number, number>;
  readonly directives: ZoneDirective[];
  readonly problems: ZoneProblem[];
  readonly sources: ZoneSource[];
  nextBase: number;
  readonly readInclude: ReadInclude | undefined;
  readonly includeRoot: string | undefined;
  // Reading context, as RFC 1035 §5.1 and BIND carry it from entry to entry.
  origin: string | null;
  originWarned: boolean;
  defaultTtl: number;
  lastTtl: number;
  cls: number;
  firstDirectiveOrigin: string | null;
  seenRecord: boolean;
  ownerMissing: boolean;
  suffixOf: string;
  suffix: { hash: number; pow: number };
  /** Reading-context snapshots every `CHECKPOINT_EVERY` entries of the file itself, so an edit can be re-read from one. */
  cp: MutableCheckpoints;
  /** Entry index of the last snapshot (-infinity before the first). */
  lastCheckpoint: number;
  /** A re-read after an edit: the earlier parse's tokens, which it may take instead of scanning (`takeTokens`). */
  reuse: TokenReuse | null;
}

/**
 * The tokens of the earlier parse, for a re-read: from `from` on (the end of the edit in the new text) the text is the
 * earlier one moved by `delta`, and a scan from a token's start depends only on the text after it, so the tokens the
 * earlier scan read from the same place are the ones this scan would read. `retry`: where to look again after a place
 * the earlier scan had no token start at.
 */
export interface TokenReuse {
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly count: number;
  readonly from: number;
  readonly delta: number;
  retry: number;
  /** Whether the last take ended at the `)` closing the parentheses (else at the end of the tokens). */
  closed: boolean;
  /** Tokens taken so far. */
  taken: number;
}

const UNTERMINATED_STRING = 'quoted string is not closed before the end of the line; add the closing `"`';

/** Line feeds and lone carriage returns in `text` (its line count, less one). */
function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  // CR-only line endings (old Mac files): counted only when the file has no LF at all.
  if (n === 0) for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) n++;
  return n;
}

/** Parse a DNS zone file (RFC 1035 §5 as BIND, NSD and Knot read it). Total, linear, lossless; never throws. */
export function parseZone(text: string, options: ZoneParseOptions = {}): Zone {
  const explicitOrigin = options.origin ? normalizeOrigin(options.origin) : null;
  const pathOrigin = explicitOrigin === null && options.path ? originFromPath(options.path) : null;
  const initialOrigin = explicitOrigin ?? pathOrigin;
  // Capacities: the file's lines bound its entries, records and owner names (growing an array of a million means a
  // fresh one and a copy; growing the hash table, re-inserting every name at random places); tokens are about 8
  // characters each. Includes and `$GENERATE` expansions grow the arrays when needed.
  const lines = lineCount(text) + 16;
  // A large zone's arrays are sized as a re-parse sizes its own (`roomFor`), so the language server's second re-parse
  // can reuse the first parse's arrays instead of making fresh ones (whose pages cost more than filling them).
  const room = lines > 32768 ? roomFor : (n: number) => n;
  const tokCap = room(Math.max(64, (text.length / 7) | 0) + 1024);
  const entCap = room(lines + 256);
  const nameCap = room(Math.max(1024, lines) + 1024);
  const a: Allocate = options.allocate ?? typedArray;
  const st: State = {
    tk: a(Uint8Array, tokCap), ts: a(Int32Array, tokCap), te: a(Int32Array, tokCap), nt: 0,
    ek: a(Uint8Array, entCap), es: a(Int32Array, entCap), ee: a(Int32Array, entCap), ef: a(Int32Array, entCap), ne: 0,
    rec: newRecords(entCap, a),
    nameCount: 0, nameHashes: a(Int32Array, nameCap), nameStart: a(Int32Array, nameCap), nameEnd: a(Int32Array, nameCap), nameOrigin: a(Int32Array, nameCap), spelled: new Map(), slots: a(Int32Array, 2 * slotCount(nameCap)), origins: [initialOrigin ?? '.'], originId: 0, ownerTok: -1, ownerOrigin: 0, ownerOrigins: new Map(),
    directives: [], problems: [], sources: [], nextBase: 0, readInclude: options.readInclude, includeRoot: options.includeRoot,
    origin: initialOrigin, originWarned: false, defaultTtl: -1, lastTtl: -1, cls: 1,
    firstDirectiveOrigin: null, seenRecord: false, ownerMissing: false, suffixOf: '', suffix: { hash: 0, pow: 1 },
    cp: newCheckpoints(Math.max(16, (entCap / CHECKPOINT_EVERY) | 0)), lastCheckpoint: -CHECKPOINT_EVERY, reuse: null,
  };
  addSource(st, 'file', options.path ?? null, text, -1, null);
  readSource(st, 0, 0);
  internOwners(st, 0);
  // The apex: an origin the caller gives, else a `$ORIGIN` before the first record, else the file name's guess.
  let apex = explicitOrigin ?? st.firstDirectiveOrigin ?? pathOrigin;
  if (apex === null) {
    for (let i = 0; i < st.rec.count; i++) if (st.rec.type[i] === RR.SOA) { apex = spell(st, st.rec.owner[i]!); break; }
  }
  return zoneOf(st, text, explicitOrigin ?? st.firstDirectiveOrigin ?? pathOrigin, apex, undefined);
}

/** The zone the parser state holds (problems capped). */
export function zoneOf(st: State, text: string, origin: string | null, apex: string | null, edit: ZoneEdit | undefined): Zone {
  if (st.problems.length >= MAX_PROBLEMS) st.problems.length = MAX_PROBLEMS;
  return {
    text,
    sources: st.sources,
    tokens: { count: st.nt, kind: st.tk, start: st.ts, end: st.te },
    entries: { count: st.ne, kind: st.ek, start: st.es, end: st.ee, firstToken: st.ef },
    records: st.rec,
    names: { count: st.nameCount, hashes: st.nameHashes, slots: st.slots, start: st.nameStart, end: st.nameEnd, origin: st.nameOrigin, spelled: st.spelled },
    origins: st.origins,
    directives: st.directives,
    problems: st.problems,
    origin,
    apex,
    checkpoints: st.cp,
    // Always present (undefined after a parse from the top): a parse and a re-parse have one shape for the rules' hot loops.
    edit,
  };
}

function addSource(st: State, kind: ZoneSource['kind'], path: string | null, text: string, parent: number, via: Span | null): number {
  st.sources.push({ kind, path, text, base: st.nextBase, parent, via });
  st.nextBase += text.length + SOURCE_GAP;
  return st.sources.length - 1;
}

/** Room for at least `min` tokens (twice the room by default). */
export function growTokens(st: State, min = 0): void {
  const cap = Math.max(st.tk.length * 2, min);
  const tk = typedArray(Uint8Array, cap); tk.set(st.tk); st.tk = tk;
  const ts = typedArray(Int32Array, cap); ts.set(st.ts); st.ts = ts;
  const te = typedArray(Int32Array, cap); te.set(st.te); st.te = te;
}

/** Room for at least `min` entries (twice the room by default). */
export function growEntries(st: State, min = 0): void {
  const cap = Math.max(st.ek.length * 2, min);
  const ek = typedArray(Uint8Array, cap); ek.set(st.ek); st.ek = ek;
  const es = typedArray(Int32Array, cap); es.set(st.es); st.es = es;
  const ee = typedArray(Int32Array, cap); ee.set(st.ee); st.ee = ee;
  const ef = typedArray(Int32Array, cap); ef.set(st.ef); st.ef = ef;
}

/**
 * Scan one source into entries and tokens, interpreting each entry as it ends. `from` starts the scan at an entry
 * boundary other than the beginning (a re-read after an edit); `stop`, asked after each entry of the file itself,
 * ends the scan there. Returns where the scan ended.
 */
export function readSource(st: State, src: number, depth: number, from = -1, stop: ((at: number) => boolean) | null = null): number {
  const source = st.sources[src]!;
  const text = source.text;
  const base = source.base;
  const n = text.length;
  let i = from >= 0 ? from : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let entryStart = from >= 0 ? from : 0;
  // The token columns as locals (the scanner's hot loop); written back before an entry is interpreted, reloaded
  // after (an `$INCLUDE` read there may have grown them).
  let tk = st.tk;
  let ts = st.ts;
  let te = st.te;
  let nt = st.nt;
  while (i < n) {
    const firstTok = nt;
    if (src === 0 && st.ne - st.lastCheckpoint >= CHECKPOINT_EVERY) checkpoint(st);
    const c0 = text.charCodeAt(i);
    const leadingBlank = c0 === 32 || c0 === 9;
    let parens = 0;
    let openParen = -1;
    for (;;) {
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) { i++; continue; }
      if (c === 10) { i++; if (parens === 0) break; continue; }
      if (c === 13) { i++; if (i < n && text.charCodeAt(i) === 10) i++; if (parens === 0) break; continue; }
      // Inside parentheses after an edit (a `(` typed that makes the rest of the file one entry): the earlier
      // parse's tokens from here on, up to the `)` that closes these, instead of scanning the characters again.
      if (parens > 0 && st.reuse !== null && i >= st.reuse.retry && src === 0) {
        st.nt = nt;
        const to = takeTokens(st, st.reuse, i, parens);
        if (to >= 0) {
          tk = st.tk; ts = st.ts; te = st.te; nt = st.nt;
          parens = st.reuse.closed ? 0 : parens;
          i = to;
          continue;
        }
      }
      if (c === 59) {
        let j = i + 1;
        while (j < n) { const d = text.charCodeAt(j); if (d === 10 || d === 13) break; j++; }
        if (nt === tk.length) { st.nt = nt; growTokens(st); tk = st.tk; ts = st.ts; te = st.te; }
        tk[nt] = TOK_COMMENT; ts[nt] = base + i; te[nt] = base + j; nt++;
        i = j;
        continue;
      }
      if (c === 40) {
        if (parens === 0) openParen = i;
        parens++;
        if (nt === tk.length) { st.nt = nt; growTokens(st); tk = st.tk; ts = st.ts; te = st.te; }
        tk[nt] = TOK_LPAREN; ts[nt] = base + i; te[nt] = base + i + 1; nt++;
        i++;
        continue;
      }
      if (c === 41) {
        if (parens === 0) {
          addProblem(st, { code: 'unbalanced-paren', range: { start: base + i, end: base + i + 1 }, message: '`)` without an opening `(`; remove it or add the `(` where the record should continue' });
        } else {
          parens--;
        }
        if (nt === tk.length) { st.nt = nt; growTokens(st); tk = st.tk; ts = st.ts; te = st.te; }
        tk[nt] = TOK_RPAREN; ts[nt] = base + i; te[nt] = base + i + 1; nt++;
        i++;
        continue;
      }
      if (c === 34) {
        let j = i + 1;
        let flags = TOK_QUOTED;
        let closed = false;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 92) {
            const e = text.charCodeAt(j + 1);
            if (e === 10 || e === 13 || j + 1 >= n) { j++; continue; }
            flags |= TOK_ESCAPED;
            j += 2;
            continue;
          }
          if (d === 34) { j++; closed = true; break; }
          if (d === 10 || d === 13) break;
          j++;
        }
        if (!closed) {
          flags |= TOK_UNTERMINATED;
          addProblem(st, { code: 'unterminated-string', range: { start: base + i, end: base + j }, message: UNTERMINATED_STRING });
        }
        if (nt === tk.length) { st.nt = nt; growTokens(st); tk = st.tk; ts = st.ts; te = st.te; }
        tk[nt] = flags; ts[nt] = base + i; te[nt] = base + j; nt++;
        i = j;
        continue;
      }
      let j = i;
      let flags = TOK_WORD;
      while (j < n) {
        const d = text.charCodeAt(j);
        // Letters and most name characters are above `;` (59); of those only `\` needs a look.
        if (d > 59) {
          if (d === 92) {
            const e = text.charCodeAt(j + 1);
            flags |= TOK_ESCAPED;
            j += e === 10 || e === 13 || j + 1 >= n ? 1 : 2;
          } else {
            j++;
          }
          continue;
        }
        if (WORD_END[d] === 1) break;
        j++;
      }
      if (nt === tk.length) { st.nt = nt; growTokens(st); tk = st.tk; ts = st.ts; te = st.te; }
        tk[nt] = flags; ts[nt] = base + i; te[nt] = base + j; nt++;
      i = j;
    }
    st.nt = nt;
    if (st.ne === st.ek.length) growEntries(st);
    const e = st.ne++;
    st.es[e] = base + entryStart;
    st.ee[e] = base + i;
    st.ef[e] = firstTok;
    if (parens > 0) {
      // The rest of the file is one entry: reading it as a record would only add errors that are not the cause.
      addProblem(st, { code: 'unbalanced-paren', range: { start: base + openParen, end: base + openParen + 1 }, message: '`(` is never closed, so the rest of the file is swallowed into one record; add the closing `)`' });
      st.ek[e] = ENTRY_ERROR;
    } else {
      st.ek[e] = interpretEntry(st, src, firstTok, nt, leadingBlank, depth);
      tk = st.tk;
      ts = st.ts;
      te = st.te;
      nt = st.nt;
    }
    entryStart = i;
    if (stop !== null && src === 0 && stop(i)) return i;
  }
  if (n === 0 || entryStart < n) {
    // An empty source still gets one (empty) entry, so every source is covered.
    if (n === 0) {
      if (st.ne === st.ek.length) growEntries(st);
      const e = st.ne++;
      st.es[e] = base; st.ee[e] = base; st.ef[e] = st.nt; st.ek[e] = ENTRY_BLANK;
    }
  }
  return n;
}

/** First index in `a[0, n)` (ascending) whose value is at least `x`. */
export function lowerBound(a: Int32Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Take the earlier parse's tokens from text offset `at` (a token's start, at parenthesis depth `depth` > 0) up to and
 * including the `)` that closes the depth, or to the end: the new offset to scan on from, or -1 when the earlier scan
 * had no token start there (`reuse.closed` says which end).
 */
function takeTokens(st: State, reuse: TokenReuse, at: number, depth: number): number {
  const { kind, start, end, count, delta } = reuse;
  const old = at - delta;
  const lo = lowerBound(start, count, old);
  if (at < reuse.from || lo >= count || start[lo] !== old) {
    // Not a place the earlier scan started a token at (the edit changed how the text around it reads): scan a
    // while before looking again.
    reuse.retry = at + 4096;
    return -1;
  }
  let m = lo;
  let closed = false;
  for (; m < count; m++) {
    const k = kind[m]! & 7;
    if (k === TOK_LPAREN) depth++;
    else if (k === TOK_RPAREN && --depth === 0) {
      m++;
      closed = true;
      break;
    }
  }
  while (st.nt + (m - lo) > st.tk.length) growTokens(st);
  const nt = st.nt;
  st.tk.set(kind.subarray(lo, m), nt);
  const ts = st.ts;
  const te = st.te;
  for (let k = lo; k < m; k++) {
    ts[nt + k - lo] = start[k]! + delta;
    te[nt + k - lo] = end[k]! + delta;
    if (kind[k]! & TOK_UNTERMINATED) addProblem(st, { code: 'unterminated-string', range: { start: start[k]! + delta, end: end[k]! + delta }, message: UNTERMINATED_STRING });
  }
  st.nt = nt + (m - lo);
  reuse.closed = closed;
  reuse.taken += m - lo;
  return end[m - 1]! + delta;
}

/** Snapshot the reading context before entry `st.ne`. */
function checkpoint(st: State): void {
  let c = st.cp;
  if (c.count === c.entry.length) c = st.cp = growCheckpoints(c, c.count * 2);
  const k = c.count++;
  c.entry[k] = st.ne; c.originId[k] = st.originId; c.defaultTtl[k] = st.defaultTtl; c.lastTtl[k] = st.lastTtl;
  c.cls[k] = st.cls; c.ownerTok[k] = st.ownerTok; c.ownerOrigin[k] = st.ownerOrigin;
  st.lastCheckpoint = st.ne;
}

export function newCheckpoints(cap: number): MutableCheckpoints {
  return {
    count: 0, entry: typedArray(Int32Array, cap), originId: typedArray(Int32Array, cap), defaultTtl: typedArray(Int32Array, cap), lastTtl: typedArray(Int32Array, cap),
    cls: typedArray(Int32Array, cap), ownerTok: typedArray(Int32Array, cap), ownerOrigin: typedArray(Int32Array, cap),
  };
}

/** The first `c.count` snapshots in arrays of `cap`. */
export function growCheckpoints(c: ZoneCheckpoints, cap: number): MutableCheckpoints {
  const g = newCheckpoints(cap);
  g.count = c.count;
  g.entry.set(c.entry.subarray(0, c.count)); g.originId.set(c.originId.subarray(0, c.count)); g.defaultTtl.set(c.defaultTtl.subarray(0, c.count));
  g.lastTtl.set(c.lastTtl.subarray(0, c.count)); g.cls.set(c.cls.subarray(0, c.count)); g.ownerTok.set(c.ownerTok.subarray(0, c.count));
  g.ownerOrigin.set(c.ownerOrigin.subarray(0, c.count));
  return g;
}

/** Next significant token (word or quoted string) at or after `t`, below `end`; `end` when none. */
export function nextSignificant(kind: Uint8Array, t: number, end: number): number {
  while (t < end && (kind[t]! & 7) >= TOK_LPAREN) t++;
  return t;
}

function interpretEntry(st: State, src: number, t0: number, t1: number, leadingBlank: boolean, depth: number): number {
  let t = nextSignificant(st.tk, t0, t1);
  if (t >= t1) return ENTRY_BLANK;
  const text = st.sources[src]!.text;
  const base = st.sources[src]!.base;
  const tk = st.tk;
  const ts = st.ts;
  const te = st.te;
  if (!leadingBlank && (tk[t]! & 7) === TOK_WORD && text.charCodeAt(ts[t]! - base) === 36) {
    return directive(st, src, t, t1, depth);
  }
  // Owners are interned after the whole file is read (`internOwners`): here a record notes the token its owner
  // was written as (its own or an earlier record's) and the origin then in effect.
  let ownerTok = -1;
  if (!leadingBlank) {
    ownerTok = t;
    st.ownerTok = t;
    st.ownerOrigin = st.originId;
    if (st.origin === null && !isAbsolute(text.slice(ts[t]! - base, te[t]! - base))) currentOrigin(st, src, ts[t]! - base, te[t]! - base);
    t = nextSignificant(tk, t + 1, t1);
  } else if (st.ownerTok < 0) {
    // Said once: the later lines without owner are the same mistake and take the owner the fix gives.
    if (st.ownerMissing) return ENTRY_ERROR;
    st.ownerMissing = true;
    addProblem(st, { code: 'missing-owner', range: { start: ts[t]!, end: te[t]! }, message: 'the first record starts with a blank, so it has no owner name; put the owner (or `@`) in the first column' });
    return ENTRY_ERROR;
  }
  let ttl = -1;
  let ttlTok = -1;
  let cls = -1;
  let clsTok = -1;
  for (let k = 0; k < 2 && t < t1 && (tk[t]! & 7) === TOK_WORD; k++) {
    const s = ts[t]! - base;
    const e = te[t]! - base;
    const c = text.charCodeAt(s);
    if (c >= 48 && c <= 57 && ttlTok < 0) {
      ttlTok = t;
      ttl = parseTtl(text, s, e);
      if (ttl < 0) {
        addProblem(st, {
          code: 'bad-ttl',
          range: { start: ts[t]!, end: te[t]! },
          message: ttl === -2 ? `TTL \`${text.slice(s, e)}\` is above 2147483647 seconds (RFC 2181 §8); use at most a week or so` : `TTL \`${text.slice(s, e)}\` is not a number of seconds or units like \`1h30m\``,
        });
      }
      t = nextSignificant(tk, t + 1, t1);
      continue;
    }
    if (clsTok < 0 && e - s <= 8) {
      const code = classCodeAt(text, s, e);
      if (code >= 0) {
        cls = code;
        clsTok = t;
        t = nextSignificant(tk, t + 1, t1);
        continue;
      }
    }
    break;
  }
  const recStart = ownerTok >= 0 ? ts[ownerTok]! : ts[nextSignificant(tk, t0, t1)]!;
  if (t >= t1) {
    const last = lastDataToken(tk, t0, t1);
    addProblem(st, { code: 'missing-rdata', range: { start: recStart, end: te[last]! }, message: 'the record has no type and no data; write `owner [TTL] [class] TYPE RDATA`' });
    return ENTRY_ERROR;
  }
  const type = tk[t] === TOK_WORD ? typeCodeAt(text, ts[t]! - base, te[t]! - base) : -1;
  if (type < 0) {
    const typeText = wordText(text, ts[t]! - base, te[t]! - base, tk[t]!);
    addProblem(st, { code: 'unknown-type', range: { start: ts[t]!, end: te[t]! }, message: `unknown record type \`${typeText}\`; check the spelling, or write an unknown type as \`TYPE<number>\` with \`\\# <length> <hex>\` data (RFC 3597)` });
    return ENTRY_ERROR;
  }
  const typeTok = t;
  const rdata = nextSignificant(tk, t + 1, t1);
  const last = lastDataToken(tk, t0, t1);
  if (rdata >= t1 && type !== 42 /* APL may be empty */) {
    addProblem(st, { code: 'missing-rdata', range: { start: recStart, end: te[last]! }, message: `the ${typeName(type)} record has no data after its type; add the RDATA or remove the line` });
    return ENTRY_ERROR;
  }
  if (clsTok >= 0) st.cls = cls;
  else cls = st.cls;
  if (ttlTok >= 0) {
    if (ttl >= 0) st.lastTtl = ttl;
  } else if (st.defaultTtl >= 0) {
    ttl = st.defaultTtl;
  } else if (st.lastTtl >= 0) {
    ttl = st.lastTtl;
  } else if (type === RR.SOA) {
    // BIND: no $TTL and no TTL on the SOA → the SOA MINIMUM becomes the default (with a warning).
    const minTok = lastSignificant(tk, rdata, t1);
    ttl = minTok >= 0 ? parseTtl(text, ts[minTok]! - base, te[minTok]! - base) : -1;
    if (ttl >= 0) {
      st.defaultTtl = ttl;
      addProblem(st, { code: 'missing-ttl', range: { start: recStart, end: te[typeTok]! }, message: `no \`$TTL\` and no TTL on the SOA: servers use the SOA minimum (${ttl}) as the default TTL; add \`$TTL ${ttl}\` at the top to say so`, suggestion: `$TTL ${ttl}` });
    }
  } else {
    addProblem(st, { code: 'missing-ttl', range: { start: recStart, end: te[typeTok]! }, message: 'the record has no TTL and none is in effect; add `$TTL 3600` at the top of the file or a TTL to the record' });
  }
  st.seenRecord = true;
  let r = st.rec;
  if (r.count === r.type.length) r = st.rec = growRecords(r);
  const i = r.count++;
  r.source[i] = src; r.firstTok[i] = ownerTok >= 0 ? ownerTok : nextSignificant(tk, t0, t1); r.hasOwner[i] = ownerTok >= 0 ? 1 : 0;
  r.owner[i] = st.ownerTok; r.ttl[i] = ttl; r.cls[i] = cls; r.type[i] = type; r.typeTok[i] = typeTok;
  r.rdata[i] = rdata; r.rdataEnd[i] = t1; r.origin[i] = st.originId;
  if (st.ownerOrigin !== st.originId) st.ownerOrigins.set(i, st.ownerOrigin);
  return ENTRY_RECORD;
}

/** The origin for a relative name at `text[s, e)` of the current source; notes once when none is known. */
function currentOrigin(st: State, src: number, s: number, e: number): string {
  if (st.origin !== null) return st.origin;
  if (!st.originWarned) {
    st.originWarned = true;
    const base = st.sources[src]!.base;
    addProblem(st, { code: 'unknown-origin', range: { start: base + s, end: base + e }, message: 'the zone origin is unknown, so relative names are read as if below the root; add `$ORIGIN example.com.` at the top or pass the origin (`--origin`)' });
  }
  return '.';
}

function lastDataToken(tk: Uint8Array, t0: number, t1: number): number {
  for (let t = t1 - 1; t > t0; t--) if ((tk[t]! & 7) !== TOK_COMMENT) return t;
  return t0;
}

function lastSignificant(tk: Uint8Array, t0: number, t1: number): number {
  for (let t = t1 - 1; t >= t0; t--) if ((tk[t]! & 7) <= TOK_QUOTED) return t;
  return -1;
}

/** Text of a word token, or the inside of a quoted one. */
function wordText(text: string, s: number, e: number, kind: number): string {
  if ((kind & 7) === TOK_QUOTED) return text.slice(s + 1, kind & TOK_UNTERMINATED ? e : e - 1);
  return text.slice(s, e);
}

function directive(st: State, src: number, t: number, t1: number, depth: number): number {
  const source = st.sources[src]!;
  const text = source.text;
  const base = source.base;
  const { tk, ts, te } = st;
  const word = text.slice(ts[t]! - base, te[t]! - base);
  const upper = word.toUpperCase();
  const name: DirectiveName = upper === '$ORIGIN' || upper === '$TTL' || upper === '$INCLUDE' || upper === '$GENERATE' ? upper : 'unknown';
  const last = lastDataToken(tk, t, t1);
  const span = { start: ts[t]!, end: te[last]! };
  st.directives.push({ name, source: src, span, tok: t, argsEnd: t1 });
  const args: number[] = [];
  for (let a = nextSignificant(tk, t + 1, t1); a < t1 && args.length < 16; a = nextSignificant(tk, a + 1, t1)) args.push(a);
  const argText = (k: number) => wordText(text, ts[args[k]!]! - base, te[args[k]!]! - base, tk[args[k]!]!);
  const bad = (message: string, range: Span = span) => {
    addProblem(st, { code: 'bad-directive', range, message });
    return ENTRY_ERROR;
  };
  const extra = (from: number) => {
    if (args.length > from) bad(`\`${word}\` takes ${from === 1 ? 'one argument' : `at most ${from} arguments`}; remove \`${argText(from)}\``, { start: ts[args[from]!]!, end: te[args[args.length - 1]!]! });
  };
  switch (name) {
    case 'unknown':
      return bad(`unknown directive \`${word}\`; zone files know \`$ORIGIN\`, \`$TTL\`, \`$INCLUDE\` and \`$GENERATE\``, { start: ts[t]!, end: te[t]! });
    case '$ORIGIN': {
      if (args.length === 0) return bad('`$ORIGIN` needs a domain name, e.g. `$ORIGIN example.com.`');
      const raw = argText(0);
      setOrigin(st, absoluteName(raw, st.origin ?? '.'));
      if (!st.seenRecord && st.firstDirectiveOrigin === null && st.sources.length === 1) st.firstDirectiveOrigin = st.origin;
      extra(1);
      return ENTRY_DIRECTIVE;
    }
    case '$TTL': {
      if (args.length === 0) return bad('`$TTL` needs a TTL, e.g. `$TTL 3600` or `$TTL 1h`');
      const a = args[0]!;
      const ttl = parseTtl(text, ts[a]! - base, te[a]! - base);
      if (ttl < 0) {
        addProblem(st, {
          code: 'bad-ttl',
          range: { start: ts[a]!, end: te[a]! },
          message: ttl === -2 ? `\`$TTL\` \`${argText(0)}\` is above ${MAX_TTL} seconds (RFC 2181 §8); use a smaller TTL` : `\`$TTL\` \`${argText(0)}\` is not a number of seconds or units like \`1h30m\``,
        });
        return ENTRY_ERROR;
      }
      st.defaultTtl = ttl;
      extra(1);
      return ENTRY_DIRECTIVE;
    }
    case '$INCLUDE': {
      if (args.length === 0) return bad('`$INCLUDE` needs a file name, e.g. `$INCLUDE keys.zone`');
      const file = argText(0);
      const fromPath = source.path ?? '';
      const resolved = st.includeRoot === undefined ? joinPath(fromPath, file) : joinPath(st.includeRoot.replace(/[\\/]?$/, '/'), file);
      const fail = (message: string) => {
        addProblem(st, { code: 'include-failed', range: span, message });
        return ENTRY_ERROR;
      };
      if (st.readInclude === undefined) return fail(`\`$INCLUDE ${file}\` is not followed here (no file access); lint the included file on its own or give the linter file access`);
      if (depth >= MAX_INCLUDE_DEPTH) return fail(`\`$INCLUDE ${file}\` is nested more than ${MAX_INCLUDE_DEPTH} files deep; flatten the includes`);
      for (let s = src; s >= 0; s = st.sources[s]!.parent) {
        if (st.sources[s]!.path === resolved) return fail(`\`$INCLUDE ${file}\` includes a file that is already being read (an include loop); remove it`);
      }
      if (st.sources.length >= MAX_SOURCES) return fail(`too many included files (more than ${MAX_SOURCES}); \`$INCLUDE ${file}\` is not followed`);
      let included: string | null;
      try {
        included = st.readInclude(file, fromPath);
      } catch {
        included = null;
      }
      if (included === null) return fail(`cannot read the included file \`${file}\`; check the path (relative to ${st.includeRoot === undefined ? 'this file' : `the include root \`${st.includeRoot}\``})`);
      extra(2);
      const savedOrigin = st.origin;
      const savedOriginId = st.originId;
      const savedOwner = st.ownerTok;
      const savedOwnerOrigin = st.ownerOrigin;
      if (args.length > 1) setOrigin(st, absoluteName(argText(1), st.origin ?? '.'));
      const child = addSource(st, 'include', resolved, included, src, span);
      readSource(st, child, depth + 1);
      st.origin = savedOrigin;
      st.originId = savedOriginId;
      st.ownerTok = savedOwner;
      st.ownerOrigin = savedOwnerOrigin;
      return ENTRY_DIRECTIVE;
    }
    case '$GENERATE': {
      const words = args.map((_, k) => argText(k));
      const expanded = expandGenerate(words);
      if (typeof expanded !== 'string') return bad(expanded.message, expanded.arg >= 0 && expanded.arg < args.length ? { start: ts[args[expanded.arg]!]!, end: te[args[expanded.arg]!]! } : span);
      if (st.sources.length >= MAX_SOURCES) return bad(`too many \`$GENERATE\` expansions and included files (more than ${MAX_SOURCES}); this one is not expanded`);
      const savedOwner = st.ownerTok;
      const savedOwnerOrigin = st.ownerOrigin;
      const child = addSource(st, 'generate', source.path, expanded, src, span);
      readSource(st, child, depth + 1);
      st.ownerTok = savedOwner;
      st.ownerOrigin = savedOwnerOrigin;
      return ENTRY_DIRECTIVE;
    }
  }
}

/** `file` relative to the directory of `fromPath` (POSIX or Windows separators), with `.` and `..` resolved. */
export function joinPath(fromPath: string, file: string): string {
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) return file;
  const dir = fromPath.replace(/[^\\/]*$/, '');
  const parts: string[] = [];
  for (const p of (dir + file).split(/[\\/]/)) {
    if (p === '..' && parts.length > 0 && parts[parts.length - 1] !== '..' && parts[parts.length - 1] !== '') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

function addProblem(st: State, p: ZoneProblem): void {
  if (st.problems.length <= MAX_PROBLEMS) st.problems.push(p);
}

function setOrigin(st: State, origin: string): void {
  st.origin = origin;
  if (st.origins[st.originId] !== origin) {
    st.origins.push(origin);
    st.originId = st.origins.length - 1;
  }
}

export function newRecords(cap: number, a: Allocate = typedArray): MutableRecords {
  return {
    count: 0, source: a(Uint16Array, cap), firstTok: a(Int32Array, cap), hasOwner: a(Uint8Array, cap), owner: a(Int32Array, cap),
    ttl: a(Int32Array, cap), cls: a(Uint16Array, cap), type: a(Uint16Array, cap), typeTok: a(Int32Array, cap),
    rdata: a(Int32Array, cap), rdataEnd: a(Int32Array, cap), origin: a(Int32Array, cap),
  };
}

/** The records with room for at least `min` (twice the room by default). */
export function growRecords(r: MutableRecords, min = 0): MutableRecords {
  const g = newRecords(Math.max(r.type.length * 2, min));
  g.count = r.count;
  g.source.set(r.source); g.firstTok.set(r.firstTok); g.hasOwner.set(r.hasOwner); g.owner.set(r.owner); g.ttl.set(r.ttl);
  g.cls.set(r.cls); g.type.set(r.type); g.typeTok.set(r.typeTok); g.rdata.set(r.rdata); g.rdataEnd.set(r.rdataEnd);
  g.origin.set(r.origin);
  return g;
}

/**
 * Turn every record's owner token into an owner id. In two passes over the records, hashing then probing the
 * table, so the table's cache misses overlap instead of stalling the scanner; records of the same owner token (or
 * the same spelling right after each other) reuse the previous id. Records before `from` are interned already.
 */
export function internOwners(st: State, from: number): void {
  const r = st.rec;
  const n = r.count;
  const owner = r.owner;
  const hashes = new Int32Array(n - from);
  const reuse = new Uint8Array(n - from);
  const spelledAt = new Map<number, string>();
  let prevTok = -1;
  let prevOrigin = -1;
  for (let i = from; i < n; i++) {
    const tok = owner[i]!;
    const o = st.ownerOrigins.size > 0 ? st.ownerOrigins.get(i) ?? r.origin[i]! : r.origin[i]!;
    if (o === prevOrigin && (tok === prevTok || sameToken(st, tok, prevTok))) {
      reuse[i - from] = 1;
      continue;
    }
    prevTok = tok;
    prevOrigin = o;
    const src = sourceOf(st, st.ts[tok]!);
    const s = st.ts[tok]! - src.base;
    const e = st.te[tok]! - src.base;
    const h = tokenHash(st, src.text, s, e, st.tk[tok]!, o);
    if (h === null) {
      const raw = wordText(src.text, s, e, st.tk[tok]!);
      const origin = st.origins[o]!;
      const name = raw === '@' ? origin : absoluteName(raw, origin);
      spelledAt.set(i, name);
      hashes[i - from] = hashString(name);
    } else {
      hashes[i - from] = h;
    }
  }
  let id = -1;
  for (let i = from; i < n; i++) {
    if (reuse[i - from] === 1) {
      owner[i] = id;
      continue;
    }
    const spelled = spelledAt.size > 0 ? spelledAt.get(i) : undefined;
    const o = st.ownerOrigins.size > 0 ? st.ownerOrigins.get(i) ?? r.origin[i]! : r.origin[i]!;
    id = spelled !== undefined ? internName(st, spelled) : probeToken(st, owner[i]!, o, hashes[i - from]!);
    owner[i] = id;
  }
}

/** Whether two tokens are spelled the same (exactly). */
function sameToken(st: State, a: number, b: number): boolean {
  if (b < 0 || st.te[a]! - st.ts[a]! !== st.te[b]! - st.ts[b]!) return false;
  const sa = sourceOf(st, st.ts[a]!);
  const sb = sourceOf(st, st.ts[b]!);
  const pa = st.ts[a]! - sa.base;
  const pb = st.ts[b]! - sb.base;
  for (let k = st.te[a]! - st.ts[a]! - 1; k >= 0; k--) if (sa.text.charCodeAt(pa + k) !== sb.text.charCodeAt(pb + k)) return false;
  return true;
}

/** Table hash of a plain ASCII owner token read under origin `o`; null for owners spelled otherwise. */
function tokenHash(st: State, text: string, s: number, e: number, kind: number, o: number): number | null {
  if (kind !== TOK_WORD || (e - s === 1 && text.charCodeAt(s) === 64)) return null;
  let h = 0;
  for (let i = s; i < e; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c |= 32;
    else if (c > 127) return null;
    h = hashStep(h, c);
  }
  if (text.charCodeAt(e - 1) !== 46) {
    const origin = st.origins[o]!;
    h = hashStep(h, 46);
    if (origin !== '.') {
      const suffix = originSuffix(st, origin);
      h = (Math.imul(h, suffix.pow) + suffix.hash) | 0;
    }
  }
  return mixHash(h);
}

/** Id of the plain owner token `tok` under origin `o` with table hash `h`, added when new. */
function probeToken(st: State, tok: number, o: number, h: number): number {
  const src = sourceOf(st, st.ts[tok]!);
  const s = st.ts[tok]! - src.base;
  const e = st.te[tok]! - src.base;
  const absolute = src.text.charCodeAt(e - 1) === 46;
  const origin = absolute ? null : st.origins[o]!;
  const slots = st.slots;
  const mask = (slots.length >> 1) - 1;
  let slot = h & mask;
  for (;;) {
    const v = slots[slot << 1]!;
    if (v === 0) break;
    if (slots[(slot << 1) + 1] === h && sameAsStored(st, v - 1, src.text, s, e, origin)) {
      // A name held spelled out (written otherwise first, or its token gone in a re-read) is anchored to this plain
      // token: the rules' quick paths read a name's token, and a long editing session must not spell out every name.
      const id = v - 1;
      if (st.nameStart[id]! < 0) {
        st.nameStart[id] = st.ts[tok]!;
        st.nameEnd[id] = st.te[tok]!;
        st.nameOrigin[id] = absolute ? -1 : o;
      }
      return id;
    }
    slot = (slot + 1) & mask;
  }
  return insertName(st, h, slot, st.ts[tok]!, st.te[tok]!, absolute ? -1 : o, null);
}

/** Character `k` of a name written as `text[s, e)` (lower-cased) followed by `.origin` (none when null). */
function charOfSpelling(text: string, s: number, e: number, origin: string | null, k: number): number {
  if (k < e - s) {
    const c = text.charCodeAt(s + k);
    return c >= 65 && c <= 90 ? c | 32 : c;
  }
  if (k === e - s) return 46;
  return origin!.charCodeAt(k - (e - s) - 1);
}

function spellingLength(s: number, e: number, origin: string | null): number {
  return origin === null ? e - s : origin === '.' ? e - s + 1 : e - s + 1 + origin.length;
}

/** Whether stored name `id` reads the same as `text[s, e)` + `.origin`. */
function sameAsStored(st: State, id: number, text: string, s: number, e: number, origin: string | null): boolean {
  const len = spellingLength(s, e, origin);
  const start = st.nameStart[id]!;
  if (start < 0) {
    const name = st.spelled.get(id)!;
    if (name.length !== len) return false;
    for (let k = 0; k < len; k++) if (name.charCodeAt(k) !== charOfSpelling(text, s, e, origin, k)) return false;
    return true;
  }
  const o = st.nameOrigin[id]!;
  const storedOrigin = o < 0 ? null : st.origins[o]!;
  const src = sourceOf(st, start);
  if (storedOrigin === origin && src.text === text) {
    // Same origin, same text: compare the two tokens.
    const ss = start - src.base;
    if (st.nameEnd[id]! - start !== e - s) return false;
    for (let k = 0; k < e - s; k++) {
      let a = text.charCodeAt(ss + k);
      let b = text.charCodeAt(s + k);
      if (a >= 65 && a <= 90) a |= 32;
      if (b >= 65 && b <= 90) b |= 32;
      if (a !== b) return false;
    }
    return true;
  }
  const ss = start - src.base;
  const se = st.nameEnd[id]! - src.base;
  if (spellingLength(ss, se, storedOrigin) !== len) return false;
  for (let k = 0; k < len; k++) if (charOfSpelling(src.text, ss, se, storedOrigin, k) !== charOfSpelling(text, s, e, origin, k)) return false;
  return true;
}

/** The polynomial hash of an origin, to append to a relative name's; computed once per origin. */
function originSuffix(st: State, origin: string): { hash: number; pow: number } {
  if (st.suffixOf !== origin) {
    st.suffixOf = origin;
    st.suffix = hashSuffix(origin);
  }
  return st.suffix;
}

function sourceOf(st: State, offset: number): ZoneSource {
  const first = st.sources[0]!;
  if (offset <= first.text.length) return first;
  for (let i = st.sources.length - 1; i > 0; i--) if (st.sources[i]!.base <= offset) return st.sources[i]!;
  return first;
}

/** The name with id `id`, spelled out (for the few places the parser needs it). */
function spell(st: State, id: number): string {
  const start = st.nameStart[id]!;
  if (start < 0) return st.spelled.get(id)!;
  const src = sourceOf(st, start);
  const raw = src.text.slice(start - src.base, st.nameEnd[id]! - src.base).toLowerCase();
  const o = st.nameOrigin[id]!;
  if (o < 0) return raw;
  const origin = st.origins[o]!;
  return origin === '.' ? raw + '.' : raw + '.' + origin;
}

/** Id of a name given as a string (the rare owners that are not plain tokens). */
function internName(st: State, name: string): number {
  const h = hashString(name);
  const mask = (st.slots.length >> 1) - 1;
  let slot = h & mask;
  for (;;) {
    const v = st.slots[slot << 1]!;
    if (v === 0) break;
    if (st.nameHashes[v - 1] === h && spell(st, v - 1) === name) return v - 1;
    slot = (slot + 1) & mask;
  }
  return insertName(st, h, slot, -1, -1, -1, name);
}

function insertName(st: State, h: number, slot: number, start: number, end: number, origin: number, spelled: string | null): number {
  const id = st.nameCount++;
  if (id === st.nameHashes.length) {
    const grow = (a: Int32Array) => {
      const g = new Int32Array(a.length * 2);
      g.set(a);
      return g;
    };
    st.nameHashes = grow(st.nameHashes);
    st.nameStart = grow(st.nameStart);
    st.nameEnd = grow(st.nameEnd);
    st.nameOrigin = grow(st.nameOrigin);
  }
  st.nameHashes[id] = h;
  st.nameStart[id] = start;
  st.nameEnd[id] = end;
  st.nameOrigin[id] = origin;
  if (spelled !== null) st.spelled.set(id, spelled);
  st.slots[slot << 1] = id + 1;
  st.slots[(slot << 1) + 1] = h;
  if ((id + 1) * 4 > (st.slots.length >> 1) * 3) {
    const slots = new Int32Array(st.slots.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let k = 0; k <= id; k++) {
      let j = st.nameHashes[k]! & mask;
      while (slots[j << 1] !== 0) j = (j + 1) & mask;
      slots[j << 1] = k + 1;
      slots[(j << 1) + 1] = st.nameHashes[k]!;
    }
    st.slots = slots;
  }
  return id;
}

/** Slots for `names` names at most three quarters full: a power of two. */
function slotCount(names: number): number {
  let n = 1024;
  while (n * 3 < names * 4) n *= 2;
  return n;
}

