import type { Span } from '../diagnostic.ts';

// The lossless zone tree. Tokens live in typed arrays (offsets only) so a 1M-record zone costs no per-token
// objects; records are small objects pointing at their tokens. Offsets are "virtual": the main file is
// [0, text.length), each included file or `$GENERATE` expansion gets its own range after it (see ZoneSource).

/** Token kinds (low 3 bits of `TokenTable.kind`). */
export const TOK_WORD = 0;
export const TOK_QUOTED = 1;
export const TOK_LPAREN = 2;
export const TOK_RPAREN = 3;
export const TOK_COMMENT = 4;
/** Flag on a word or quoted string holding a backslash escape. */
export const TOK_ESCAPED = 8;
/** Flag on a quoted string with no closing quote. */
export const TOK_UNTERMINATED = 16;

/** Every token of every source: words, quoted strings, parentheses and comments; the gaps are blanks and line ends. */
export interface TokenTable {
  readonly count: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** Entry kinds: a logical line (several physical lines inside parentheses). */
export const ENTRY_BLANK = 0;
export const ENTRY_DIRECTIVE = 1;
export const ENTRY_RECORD = 2;
export const ENTRY_ERROR = 3;

/** The logical lines of every source, covering each source's text end to end (line endings included). */
export interface EntryTable {
  readonly count: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Index of the entry's first token; its tokens run to the next entry's first token. */
  readonly firstToken: Int32Array;
}

/** A text the zone was read from: the file itself, an `$INCLUDE`d file, or a `$GENERATE` expansion. */
export interface ZoneSource {
  readonly kind: 'file' | 'include' | 'generate';
  readonly path: string | null;
  readonly text: string;
  /** Virtual offset of the source's first character. */
  readonly base: number;
  /** Source index of the includer (-1 for the file itself). */
  readonly parent: number;
  /** The `$INCLUDE` / `$GENERATE` directive in the parent (virtual offsets). */
  readonly via: Span | null;
}

/**
 * Every record, one column per field (a 1M-record zone costs no per-record objects); `recordAt` gives one as an
 * object, deriving the spans and the TTL and class tokens from the tokens. Owners and origins are ids into
 * `Zone.names` / `Zone.origins`.
 */
export interface RecordTable {
  readonly count: number;
  readonly source: Uint16Array;
  /** First token of the record: its owner, else its TTL, class or type. */
  readonly firstTok: Int32Array;
  /** 1 when the record names its owner (its first token), 0 when it inherits it. */
  readonly hasOwner: Uint8Array;
  readonly owner: Int32Array;
  /** Effective TTL in seconds, -1 when none could be determined. */
  readonly ttl: Int32Array;
  readonly cls: Uint16Array;
  readonly type: Uint16Array;
  readonly typeTok: Int32Array;
  /** Token range of the RDATA, [rdata, rdataEnd): may include parentheses and comments, which carry no data. */
  readonly rdata: Int32Array;
  readonly rdataEnd: Int32Array;
  readonly origin: Int32Array;
}

/** One resource record as the file states it, with its effective owner, TTL and class. */
export interface ZoneRecord {
  /** Index in the record table. */
  readonly index: number;
  readonly source: number;
  /** Span of the record from its first to its last token (virtual offsets). */
  readonly start: number;
  readonly end: number;
  /** Absolute, lower-case owner with its trailing dot: `mail.example.com.`. */
  readonly owner: string;
  readonly ownerId: number;
  /** Token of the owner, or -1 when inherited from the previous record. */
  readonly ownerTok: number;
  /** Effective TTL in seconds, -1 when none could be determined. */
  readonly ttl: number;
  /** Token of an explicit TTL, or -1. */
  readonly ttlTok: number;
  readonly cls: number;
  readonly clsTok: number;
  readonly type: number;
  readonly typeTok: number;
  /** Token range of the RDATA, [rdata, rdataEnd): may include parentheses and comments, which carry no data. */
  readonly rdata: number;
  readonly rdataEnd: number;
  /** `$ORIGIN` in effect (absolute, lower-case) for relative names in the RDATA. */
  readonly origin: string;
}

/**
 * Owner names interned by id. A name is kept as where it was first written (a plain token, relative to an origin
 * or absolute), not as a string, so a 1M-record zone holds no million strings; `nameOf` spells one out.
 */
export interface NameTable {
  readonly count: number;
  readonly hashes: Int32Array;
  /** Open-addressing slots of two numbers: id + 1 (0 = empty) and the name's hash; the slot count is a power of two. */
  readonly slots: Int32Array;
  /** Virtual span of the token the name was first written as; -1 when spelled otherwise (see `spelled`). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Origin id the token was relative to, or -1 when it was absolute. */
  readonly origin: Int32Array;
  /** Names not written as a plain ASCII token (`@`, quoted, escaped, beyond ASCII), by id. */
  readonly spelled: ReadonlyMap<number, string>;
}

export type DirectiveName = '$ORIGIN' | '$TTL' | '$INCLUDE' | '$GENERATE' | 'unknown';

/** A `$` control entry. */
export interface ZoneDirective {
  readonly name: DirectiveName;
  readonly source: number;
  readonly span: Span;
  /** Token of the `$NAME` itself; arguments are the significant tokens after it up to `argsEnd`. */
  readonly tok: number;
  readonly argsEnd: number;
}

/** A syntax problem found while reading; `code` is the zone rule that reports it. */
export interface ZoneProblem {
  readonly code: string;
  readonly range: Span;
  readonly message: string;
  /** Replacement text a fix may offer (e.g. the `$TTL` line to add). */
  readonly suggestion?: string;
}

/**
 * Snapshots of the reading context (RFC 1035 §5.1: origin, default and last TTL, class, current owner) before every
 * few entries of the file itself, so an edited zone is re-read from the snapshot before the edit, not from the top
 * (`reparseZone`). Snapshot `k` holds the context before entry `entry[k]`; `ownerTok` is the token the current owner
 * was written as (-1: none yet) and `ownerOrigin` the origin id it was read under.
 */
export interface ZoneCheckpoints {
  readonly count: number;
  readonly entry: Int32Array;
  readonly originId: Int32Array;
  readonly defaultTtl: Int32Array;
  readonly lastTtl: Int32Array;
  readonly cls: Int32Array;
  readonly ownerTok: Int32Array;
  readonly ownerOrigin: Int32Array;
}

/**
 * How a re-parsed zone's records relate to the parse it was made from (`reparseZone`), so per-record findings of the
 * earlier parse can be kept for the records the edit did not touch.
 */
export interface ZoneEdit {
  /** The earlier parse while something else keeps it alive (this does not). */
  readonly previous: WeakRef<Zone>;
  /** Records [0, start) are the earlier ones; [start, end) were read anew; then come the earlier ones from `previousEnd`. */
  readonly start: number;
  readonly end: number;
  readonly previousEnd: number;
  /** What the edit added to offsets after it. */
  readonly delta: number;
}

/** A parsed zone: lossless tokens and entries, records, directives, syntax problems. */
export interface Zone {
  /** Text of the file itself (source 0). */
  readonly text: string;
  readonly sources: readonly ZoneSource[];
  readonly tokens: TokenTable;
  readonly entries: EntryTable;
  readonly records: RecordTable;
  /** Owner names by id (absolute, lower-case). */
  readonly names: NameTable;
  /** `$ORIGIN` values by id. */
  readonly origins: readonly string[];
  readonly directives: readonly ZoneDirective[];
  readonly problems: readonly ZoneProblem[];
  /** The zone origin: the option, else a `$ORIGIN` before the first record, else the file name; null when unknown. */
  readonly origin: string | null;
  /** The zone's apex: the origin, else the owner of the first SOA record; null when neither is known. */
  readonly apex: string | null;
  /** Reading-context snapshots for re-reading after an edit; absent on zones not made by the parser. */
  readonly checkpoints?: ZoneCheckpoints;
  /** Set on a zone re-read after an edit. */
  readonly edit?: ZoneEdit;
}
