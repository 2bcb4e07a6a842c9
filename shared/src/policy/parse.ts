// The mta-sts.txt policy (RFC 8461 §3.2): a total, lossless, linear parse into lines, fields and the sender's view.
import type { Span } from '../diagnostic.ts';
import { isPolicyKey, keyNearMiss, type PolicyKey } from './keys.ts';
import { isMaxAgeValue } from './max-age.ts';
import { isPolicyMode, type PolicyMode } from './modes.ts';
import { coverHash, hashed, hashStep, patternHash } from './mx-hash.ts';
import { checkMxValue, isMxPatternGrammar, type MxCheck } from './mx-pattern.ts';
import { isPublicSuffix } from '../public-suffix.ts';

export type { PolicyKey } from './keys.ts';
export type { PolicyMode } from './modes.ts';
export type { MxCheck } from './mx-pattern.ts';

/** How a policy line ends; a lone CR is not a line break for senders (RFC 8461 §3.2, errata 6253). */
export type PolicyLineEnding = '\n' | '\r\n' | '\r';

/** A known key written as something else: no colon (`mode enforce`) or `=` (`max_age=86400`). */
export interface MissingColon {
  readonly key: PolicyKey;
  /** The key as written (`mode`, `Mode`, `maxage`). */
  readonly name: Span;
  /** What stands where the colon belongs: whitespace and/or `=` (empty when the line ends after the key). */
  readonly separator: Span;
  /** The rest of the line, without trailing whitespace. */
  readonly value: Span;
}

interface PolicyLineBase {
  /** 0-based position among the policy's lines (split at LF, CRLF and a lone CR); lines are views, so compare them by index. */
  readonly index: number;
  /** 0-based line number in the file: `index` plus the lines of a front matter above the policy. */
  readonly fileLine: number;
  /** The content, without its line ending. */
  readonly span: Span;
  readonly eol: Span | null;
  readonly eolKind: PolicyLineEnding | null;
  /** Spaces and tabs at the start (after a BOM on the first line); empty when none. */
  readonly indent: Span;
  /** Spaces and tabs at the end (after a field's value); empty when none. */
  readonly trailing: Span;
  /**
   * Whether the content holds a C0 control character other than tab (NUL included), or DEL: value rules
   * leave such lines to `policy/control-character` and `file/nul-byte`, which remove them first.
   */
  readonly hasControl: boolean;
  /** The known key the line looks meant for when senders do not read it as that key (see `nearMisses`). */
  readonly intended: PolicyKey | null;
}

/** An empty or whitespace-only line. */
export interface PolicyBlankLine extends PolicyLineBase {
  readonly kind: 'blank';
  readonly key: null;
  readonly colon: null;
  readonly value: null;
  readonly keyText: '';
  readonly valueText: '';
  readonly missingColon: null;
  readonly sends: null;
  readonly mxCheck: null;
}

/** A `key: value` line (the first colon splits it). */
export interface PolicyFieldLine extends PolicyLineBase {
  readonly kind: 'field';
  /** The key, without the indent and without whitespace before the colon. */
  readonly key: Span;
  readonly keyText: string;
  /** Whitespace between the key and the colon; empty when none. */
  readonly beforeColon: Span;
  readonly colon: Span;
  /** Whitespace after the colon (`*WSP` of `sts-policy-field-delim`). */
  readonly gap: Span;
  /** The value, without leading or trailing whitespace (empty span right after `gap` when there is none). */
  readonly value: Span;
  readonly valueText: string;
  /** Set when the key region is a known key and a value with no colon between (`mx smtp://host:25`). */
  readonly missingColon: MissingColon | null;
  /** The known key a sender reads on this line (exact key, at the start, colon right after), else null. */
  readonly sends: PolicyKey | null;
  /** For an `mx:` line senders read: the first problem of its value (`ok` when none); else null. */
  readonly mxCheck: MxCheck | null;
}

/** A non-blank line without a colon. */
export interface PolicyNoColonLine extends PolicyLineBase {
  readonly kind: 'no-colon';
  readonly key: null;
  readonly colon: null;
  readonly value: null;
  readonly keyText: '';
  readonly valueText: '';
  /** The content between indent and trailing whitespace. */
  readonly body: Span;
  readonly missingColon: MissingColon | null;
  readonly sends: null;
  readonly mxCheck: null;
}

export type PolicyLine = PolicyBlankLine | PolicyFieldLine | PolicyNoColonLine;

/** An `mx:` line senders read. */
export type PolicyMxLine = PolicyFieldLine & { readonly sends: 'mx'; readonly mxCheck: MxCheck };

/**
 * A list of policy lines. Each line is a view over one compact table, made when asked for: a 20 MB file has
 * a million lines, and a retained object per line (with a dozen spans) would dominate the parse.
 */
export interface PolicyLines<T extends PolicyLine = PolicyLine> extends Iterable<T> {
  readonly length: number;
  /** The line at `i` of this list (negative counts from the end), or undefined. */
  at(i: number): T | undefined;
}

/** The policy exactly as an RFC 8461 sender reads it: first occurrence wins, invalid values are null or left out. */
export interface EffectivePolicy {
  readonly version: 'STSv1' | null;
  readonly mode: PolicyMode | null;
  readonly maxAge: number | null;
  /** Values matching `["*."] Domain`, as written, in order. */
  readonly mx: readonly string[];
}

/** One parse of a policy file: every rule and editor feature reads this. */
export interface ParsedPolicy {
  readonly lines: PolicyLines;
  /**
   * A Jekyll / GitHub Pages front matter (`---` lines at the top) of a policy's source file, which the site strips
   * before serving: the policy's lines start after it. Null when absent or not asked for (a fetched policy).
   */
  readonly frontMatter: FrontMatter | null;
  /** Whether the text starts with U+FEFF (reported by `file/bom`; the first key is read after it). */
  readonly bom: boolean;
  /**
   * The first line senders read as each single-valued key (whatever its value), or null. A BOM is skipped
   * here (`file/bom` reports it once); `effective` does not skip it, as senders do not.
   */
  readonly fields: { readonly version: PolicyFieldLine | null; readonly mode: PolicyFieldLine | null; readonly max_age: PolicyFieldLine | null };
  /** Every `mx:` line senders read, in order; each carries `mxCheck`. */
  readonly mx: PolicyLines<PolicyMxLine>;
  /**
   * Lines that look meant for a key but that senders do not read as it: wrong case, typo, missing colon,
   * whitespace before the key or the colon. Another rule reports each with a fix, so "missing" rules stay quiet.
   */
  readonly nearMisses: Readonly<Record<PolicyKey, readonly PolicyLine[]>>;
  /** The line ending to use for inserted lines: the first LF or CRLF of the text, else LF. */
  readonly newline: '\n' | '\r\n';
  /** What senders read. With lone CRs this differs from `lines`: senders split only at LF and CRLF. */
  readonly effective: EffectivePolicy;
  /** What occurs anywhere in the file, so a rule can skip a scan that cannot find anything. */
  readonly shapes: PolicyShapes;
  /**
   * Every line but the plain `mx:` lines: those senders read whose value follows spaces only and ends the line,
   * with no control character and no lone CR. In a big policy almost every line is such a line, and no rule
   * about line shape or keys reports one, so those rules scan this short list instead of `lines`.
   */
  readonly notable: PolicyLines;
  /** The lines of `mx` whose `mxCheck` is of one of `kinds`, in order (computed on first use). */
  mxWith<K extends MxCheck['kind']>(...kinds: K[]): PolicyLines<PolicyMxLine & { readonly mxCheck: Extract<MxCheck, { kind: K }> }>;
  /** Offsets of the `mx` values, for whole-file passes that must not make an object per line (see `mx-index.ts`). */
  readonly mxValues: MxValues;
}

/** The values of `ParsedPolicy.mx` by position in that list, as offsets into the text. */
export interface MxValues {
  readonly text: string;
  readonly length: number;
  /** Start of the value of `mx.at(i)`. */
  start(i: number): number;
  /** End of the value of `mx.at(i)`, before trailing whitespace. */
  end(i: number): number;
  /** Whether `mx.at(i)` is a pattern rules compare: `mxCheck.kind === 'ok'` and no control character. */
  isPattern(i: number): boolean;
  /** Whether any pattern has an upper-case letter. */
  readonly anyUpper: boolean;
  /** By position: 0 for no pattern (see `isPattern`), 1 for a host, 2 for a `*.` pattern. */
  readonly patterns: Int32Array;
  /** By position, for a pattern: `patternHash` of the value (ignores case). */
  readonly hashes: Int32Array;
  /** By position, for a host: `patternHash` of `*` and the value from its first dot (the wildcard that would cover it). */
  readonly covers: Int32Array;
}

/** Line shapes found anywhere in a policy (a 20 MB file has a million lines; most rules look for rare ones). */
export interface PolicyShapes {
  /** A line ended by a lone CR. */
  readonly loneCr: boolean;
  readonly blank: boolean;
  /** A line with a C0 control character (other than tab; NUL included) or DEL. */
  readonly control: boolean;
  /** A non-blank line starting with whitespace. */
  readonly indent: boolean;
  /** A non-blank line ending with whitespace. */
  readonly trailing: boolean;
  /** A field with a value and a tab after its colon. */
  readonly tabAfterColon: boolean;
  /** A non-blank line without a colon. */
  readonly noColon: boolean;
  /** A field line senders do not read as one of the four keys (unknown, misspelt, or spaced). */
  readonly unreadKey: boolean;
  /** A second line senders read as version, mode or max_age. */
  readonly repeatedKey: boolean;
  /** The kinds of `mxCheck` among the mx lines senders read. */
  readonly mx: ReadonlySet<MxCheck['kind']>;
}

// Columns of the line table; offsets are absolute UTF-16 indexes into the text.
const START = 0; // content start (a BOM on the first line is inside the content)
const END = 1; // content end, where the line ending starts
const EOL_END = 2;
const INDENT_END = 3;
const TRAIL_START = 4; // start of trailing whitespace (for a field: the end of its value)
const COLON = 5;
const KEY_END = 6;
const GAP_END = 7; // end of the whitespace after the colon: the value's start
const FLAGS = 8; // kind | control | sends | intended, see `flags`
const EXTRA = 9; // index into `extras` (missing colon or mx check), or -1
const TAB_AFTER_COLON = 1 << 9; // a flag: the whitespace after a field's colon holds a tab, and a value follows
const MX_KIND_SHIFT = 10; // 3 bits: the index in `mxKinds` of an mx line's check kind
const GRAMMAR = 1 << 13; // a flag: an mx value senders accept (`["*."] Domain`)
const PLAIN = 1 << 14; // a flag: a plain `mx:` line, see `ParsedPolicy.notable`
const STRIDE = 10;

const mxKinds: readonly MxCheck['kind'][] = ['ok', 'empty', 'multiple', 'ip', 'not-host', 'wildcard', 'trailing-dot', 'invalid'];
const OK_KIND = 0;
/** The check of every mx value the fast path finds clean: one shared object, not one per line. */
const okCheck: MxCheck = { kind: 'ok' };

const kinds = ['blank', 'field', 'no-colon'] as const;

const keyCodes: readonly (PolicyKey | null)[] = [null, 'version', 'mode', 'max_age', 'mx'];

function keyCode(key: PolicyKey | null): number {
  return key === null ? 0 : key === 'version' ? 1 : key === 'mode' ? 2 : key === 'max_age' ? 3 : 4;
}

function flags(kind: 0 | 1 | 2, control: boolean, sends: PolicyKey | null, intended: PolicyKey | null): number {
  return kind | (control ? 4 : 0) | (keyCode(sends) << 3) | (keyCode(intended) << 6);
}

/** The table behind every line view of one parse. */
interface LineStore {
  readonly text: string;
  readonly bom: boolean;
  /** Lines of a front matter above the policy. */
  readonly lineBase: number;
  readonly table: Int32Array;
  readonly extras: readonly (MissingColon | MxCheck)[];
}

class LineView {
  readonly index: number;
  readonly #s: LineStore;
  readonly #o: number;

  constructor(store: LineStore, index: number) {
    this.#s = store;
    this.index = index;
    this.#o = index * STRIDE;
  }

  get fileLine(): number {
    return this.index + this.#s.lineBase;
  }

  #at(column: number): number {
    return this.#s.table[this.#o + column]!;
  }
  get kind(): 'blank' | 'field' | 'no-colon' {
    return kinds[this.#at(FLAGS) & 3]!;
  }
  get hasControl(): boolean {
    return (this.#at(FLAGS) & 4) !== 0;
  }
  get sends(): PolicyKey | null {
    return keyCodes[(this.#at(FLAGS) >> 3) & 7]!;
  }
  get intended(): PolicyKey | null {
    return keyCodes[(this.#at(FLAGS) >> 6) & 7]!;
  }
  get missingColon(): MissingColon | null {
    const x = this.#at(EXTRA);
    return x >= 0 && this.sends === null ? (this.#s.extras[x] as MissingColon) : null;
  }
  get mxCheck(): MxCheck | null {
    const x = this.#at(EXTRA);
    return x >= 0 && this.sends === 'mx' ? (this.#s.extras[x] as MxCheck) : null;
  }
  get span(): Span {
    return { start: this.#at(START), end: this.#at(END) };
  }
  get eol(): Span | null {
    const end = this.#at(END);
    const eolEnd = this.#at(EOL_END);
    return eolEnd > end ? { start: end, end: eolEnd } : null;
  }
  get eolKind(): PolicyLineEnding | null {
    const end = this.#at(END);
    const len = this.#at(EOL_END) - end;
    return len === 0 ? null : len === 2 ? '\r\n' : this.#s.text.charCodeAt(end) === 10 ? '\n' : '\r';
  }
  get indent(): Span {
    const start = this.#at(START);
    return { start: this.index === 0 && this.#s.bom ? start + 1 : start, end: this.#at(INDENT_END) };
  }
  get trailing(): Span {
    return { start: this.#at(TRAIL_START), end: this.#at(END) };
  }
  get body(): Span | undefined {
    return this.kind === 'no-colon' ? { start: this.#at(INDENT_END), end: this.#at(TRAIL_START) } : undefined;
  }
  get key(): Span | null {
    return this.kind === 'field' ? { start: this.#at(INDENT_END), end: this.#at(KEY_END) } : null;
  }
  get keyText(): string {
    if (this.kind !== 'field') return '';
    return this.sends ?? this.#s.text.slice(this.#at(INDENT_END), this.#at(KEY_END));
  }
  get beforeColon(): Span | undefined {
    return this.kind === 'field' ? { start: this.#at(KEY_END), end: this.#at(COLON) } : undefined;
  }
  get colon(): Span | null {
    const colon = this.#at(COLON);
    return this.kind === 'field' ? { start: colon, end: colon + 1 } : null;
  }
  get gap(): Span | undefined {
    return this.kind === 'field' ? { start: this.#at(COLON) + 1, end: this.#at(GAP_END) } : undefined;
  }
  get value(): Span | null {
    return this.kind === 'field' ? { start: this.#at(GAP_END), end: this.#at(TRAIL_START) } : null;
  }
  get valueText(): string {
    return this.kind === 'field' ? this.#s.text.slice(this.#at(GAP_END), this.#at(TRAIL_START)) : '';
  }
}

/** Lines `0 … length-1` of a store, or the lines whose numbers `picks` lists. */
class LineList<T extends PolicyLine> implements PolicyLines<T> {
  readonly length: number;
  readonly #store: LineStore;
  readonly #picks: Int32Array | null;

  constructor(store: LineStore, length: number, picks: Int32Array | null) {
    this.#store = store;
    this.length = length;
    this.#picks = picks;
  }

  at(i: number): T | undefined {
    const j = i < 0 ? this.length + i : i;
    if (j < 0 || j >= this.length) return undefined;
    return new LineView(this.#store, this.#picks ? this.#picks[j]! : j) as unknown as T;
  }

  [Symbol.iterator](): Iterator<T> {
    let i = 0;
    const store = this.#store;
    const picks = this.#picks;
    const length = this.length;
    return {
      next: (): IteratorResult<T> =>
        i < length ? { value: new LineView(store, picks ? picks[i++]! : i++) as unknown as T, done: false } : { value: undefined, done: true },
    };
  }
}

/** A growable column of int32 values. */
class IntColumn {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  reserve(n: number): void {
    if (this.length + n <= this.data.length) return;
    const grown = new Int32Array(Math.max(this.data.length * 2, this.length + n));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
  push(v: number): void {
    this.reserve(1);
    this.data[this.length++] = v;
  }
}

/** A front matter block: its span (both `---` lines and their line endings) and how many lines it takes. */
export interface FrontMatter {
  readonly span: Span;
  readonly lines: number;
}

export interface PolicyParseOptions {
  /**
   * Recognise a front matter at the top (`---`, YAML, `---`), as a source file published through GitHub Pages or
   * Jekyll has; off for a policy as served, where such lines are what senders get.
   */
  readonly frontMatter?: boolean;
}

/** The front matter at the top of a policy source file: a `---` first line up to the next `---` (or `...`) line. */
export function findFrontMatter(text: string): FrontMatter | null {
  const open = /^---[ \t]*(\r\n|\n)/.exec(text);
  if (!open) return null;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|$)/m;
  const rest = text.slice(open[0].length, Math.min(text.length, 65536));
  const m = close.exec(rest);
  if (!m) return null;
  const end = open[0].length + m.index + m[0].length;
  let lines = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) lines++;
  if (end === text.length && text.charCodeAt(end - 1) !== 10) lines++;
  return { span: { start: 0, end }, lines };
}

/** Parse a policy file; never throws, linear in the text length, keeps the span of every part. */
export function parsePolicy(text: string, options: PolicyParseOptions = {}): ParsedPolicy {
  const frontMatter = options.frontMatter ? findFrontMatter(text) : null;
  const bom = text.charCodeAt(0) === 0xfeff;
  const n = text.length;
  // Room for a line per 16 characters to start with (untouched room costs no memory); it grows when needed.
  const rows = Math.min(Math.ceil(n / 16) + 1, 1 << 21);
  const table = new IntColumn(rows * STRIDE);
  const extras: (MissingColon | MxCheck)[] = [okCheck];
  // Columns by position in `mx` get the same room: growing one copies it, and touching fresh memory is what costs.
  const mxLines = new IntColumn(rows);
  const notable = new IntColumn(64);
  const firsts: Record<'version' | 'mode' | 'max_age', number> = { version: -1, mode: -1, max_age: -1 };
  const nearIndexes: Record<PolicyKey, number[]> = { version: [], mode: [], max_age: [], mx: [] };
  const memo: Memo = { extras, checked: new Map() };
  // The first line senders read as each single-valued key (used unless lone CRs make their lines differ from ours).
  const sender = { version: -1, mode: -1, max_age: -1 };
  const shapes = { loneCr: false, blank: false, control: false, indent: false, trailing: false, tabAfterColon: false, noColon: false, unreadKey: false, repeatedKey: false, mx: new Set<MxCheck['kind']>() };
  let plainOk = false;
  let anyUpper = false;
  let newline: '\n' | '\r\n' | null = null;
  // Next LF, CR and colon at or after `pos`: each searched again only once passed, with native string search,
  // so the scan stays linear and fast on a million short lines.
  let lf = -1;
  let cr = -1;
  let colon = -1;
  // By position in `mx`: the hashes `mx-index.ts` groups patterns by, taken while the fast path reads the value.
  const mxHashes = new IntColumn(rows);
  const mxCovers = new IntColumn(rows);
  const mxPatterns = new IntColumn(rows);
  // The mx lines whose check is not `ok`: the few that the rules about each kind look at.
  const oddMx = new IntColumn(64);
  let count = 0;
  let pos = frontMatter?.span.end ?? 0;
  while (pos < n) {
    if (lf < pos) lf = nextOf(text, '\n', pos);
    if (cr < pos) cr = nextOf(text, '\r', pos);
    if (colon < pos) colon = nextOf(text, ':', pos);
    const end = lf < cr ? lf : cr;
    let eolEnd = end;
    let loneCr = false;
    if (end < n) {
      if (end === lf) {
        eolEnd = end + 1;
        newline ??= '\n';
      } else if (lf === end + 1 && lf < n) {
        eolEnd = end + 2;
        newline ??= '\r\n';
      } else {
        eolEnd = end + 1;
        loneCr = shapes.loneCr = true;
      }
    }
    const index = count++;
    table.reserve(STRIDE);
    table.length += STRIDE;
    const o = index * STRIDE;
    const data = table.data;
    // The line of a big policy: `mx: host`, with spaces after the colon and nothing after the host. One pass over
    // its characters decides it (a control character is no host character), without a slice, a lookup or an
    // object; anything else takes `scanLine`.
    if (colon === pos + 2 && text.charCodeAt(pos) === 109 && text.charCodeAt(pos + 1) === 120 && !loneCr && (pos > 0 || !bom)) {
      let gapEnd = colon + 1;
      while (gapEnd < end && text.charCodeAt(gapEnd) === 32) gapEnd++;
      if (isPlainPattern(text, gapEnd, end)) {
        data[o + START] = pos;
        data[o + END] = end;
        data[o + EOL_END] = eolEnd;
        data[o + INDENT_END] = pos;
        data[o + TRAIL_START] = end;
        data[o + COLON] = colon;
        data[o + KEY_END] = colon;
        data[o + GAP_END] = gapEnd;
        data[o + FLAGS] = PLAIN_OK_ROW;
        data[o + EXTRA] = 0;
        mxLines.push(index);
        mxHashes.push(hashed.hash);
        mxCovers.push(hashed.cover);
        mxPatterns.push(text.charCodeAt(gapEnd) === 42 ? 2 : 1);
        if (hashed.upper) anyUpper = true;
        plainOk = true;
        pos = eolEnd;
        continue;
      }
    }
    let hasControl = false;
    for (let i = pos; i < end && !hasControl; i++) hasControl = isControl(text.charCodeAt(i));
    const row = scanLine(text, data, o, pos === 0 && bom ? 1 : 0, pos, end, colon < end ? colon : -1, hasControl, eolEnd, memo);
    const sends = keyCodes[(row >> 3) & 7]!;
    const intended = keyCodes[(row >> 6) & 7];
    const kind = row & 3;
    if (kind === 0) shapes.blank = true;
    else {
      if (data[o + INDENT_END]! > data[o + START]! + (pos === 0 && bom ? 1 : 0)) shapes.indent = true;
      if (data[o + TRAIL_START]! < end) shapes.trailing = true;
      if (kind === 2) shapes.noColon = true;
      else if (sends === null) shapes.unreadKey = true;
      if (row & TAB_AFTER_COLON) shapes.tabAfterColon = true;
    }
    if (row & 4) shapes.control = true;
    if (intended) nearIndexes[intended].push(index);
    if (sends === 'mx') {
      mxLines.push(index);
      const kind = mxKinds[(row >> MX_KIND_SHIFT) & 7]!;
      shapes.mx.add(kind);
      const pattern = kind === 'ok' && (row & 4) === 0;
      if (pattern) {
        patternHash(text, data[o + GAP_END]!, data[o + TRAIL_START]!);
        if (hashed.upper) anyUpper = true;
      }
      if (kind !== 'ok') oddMx.push(index);
      mxHashes.push(pattern ? hashed.hash : 0);
      mxCovers.push(pattern ? hashed.cover : 0);
      mxPatterns.push(!pattern ? 0 : text.charCodeAt(data[o + GAP_END]!) === 42 ? 2 : 1);
      let plain = data[o + TRAIL_START] === end && (row & 4) === 0 && !loneCr;
      for (let i = colon + 1; plain && i < data[o + GAP_END]!; i++) plain = text.charCodeAt(i) === 32;
      if (plain) data[o + FLAGS] = row | PLAIN;
      else notable.push(index);
    } else {
      notable.push(index);
      if (sends !== null) {
        if (firsts[sends] < 0) firsts[sends] = index;
        else shapes.repeatedKey = true;
        // Senders do not skip a BOM: to them the first key is `\uFEFFversion`, no key they know.
        if ((index > 0 || !bom) && sender[sends] < 0) sender[sends] = index;
      }
    }
    pos = eolEnd;
  }
  if (plainOk) shapes.mx.add('ok');
  const store: LineStore = { text, bom, table: table.data, extras, lineBase: frontMatter?.lines ?? 0 };
  const view = (i: number) => (i < 0 ? null : (new LineView(store, i) as unknown as PolicyFieldLine));
  const senderValue = (i: number) => (i < 0 ? null : text.slice(table.data[i * STRIDE + GAP_END]!, table.data[i * STRIDE + TRAIL_START]!));
  const version = senderValue(sender.version);
  const mode = senderValue(sender.mode);
  const maxAge = senderValue(sender.max_age);
  const mxCount = mxLines.length;
  const mxPicks = mxLines.data;
  // The mx values senders read, sliced when first asked for: a lint never needs a million strings.
  let senderMx: string[] | null = null;
  const senderMxValues = (): string[] => {
    if (senderMx !== null) return senderMx;
    senderMx = [];
    const data = store.table;
    for (let k = 0; k < mxCount; k++) {
      const i = mxPicks[k]!;
      const o = i * STRIDE;
      if ((i > 0 || !bom) && (data[o + FLAGS]! & GRAMMAR) !== 0) senderMx.push(text.slice(data[o + GAP_END]!, data[o + TRAIL_START]!));
    }
    return senderMx;
  };
  const effective: EffectivePolicy = shapes.loneCr
    ? senderView(text, frontMatter?.span.end ?? 0)
    : {
        version: version === 'STSv1' ? 'STSv1' : null,
        mode: mode !== null && isPolicyMode(mode) ? mode : null,
        maxAge: maxAge !== null && isMaxAgeValue(maxAge) ? Number(maxAge) : null,
        get mx() {
          return senderMxValues();
        },
      };
  const near = (key: PolicyKey) => nearIndexes[key].map((i) => new LineView(store, i) as unknown as PolicyLine);
  const byKinds = new Map<string, LineList<PolicyMxLine>>();
  const mxWith = (...kinds: MxCheck['kind'][]): LineList<PolicyMxLine> => {
    const key = kinds.join(' ');
    let list = byKinds.get(key);
    if (list) return list;
    // A bit per kind; kinds that occur nowhere need no scan.
    let wanted = 0;
    for (const kind of kinds) if (shapes.mx.has(kind)) wanted |= 1 << mxKinds.indexOf(kind);
    const picks = new IntColumn(wanted === 0 ? 0 : 64);
    if (wanted !== 0) {
      const data = store.table;
      const [from, length] = wanted & (1 << OK_KIND) ? [mxPicks, mxCount] : [oddMx.data, oddMx.length];
      for (let k = 0; k < length; k++) {
        const i = from[k]!;
        if ((wanted >> ((data[i * STRIDE + FLAGS]! >> MX_KIND_SHIFT) & 7)) & 1) picks.push(i);
      }
    }
    list = new LineList<PolicyMxLine>(store, picks.length, picks.data);
    byKinds.set(key, list);
    return list;
  };
  return {
    lines: new LineList<PolicyLine>(store, count, null),
    frontMatter,
    bom,
    fields: { version: view(firsts.version), mode: view(firsts.mode), max_age: view(firsts.max_age) },
    mx: new LineList<PolicyMxLine>(store, mxCount, mxPicks),
    nearMisses: { version: near('version'), mode: near('mode'), max_age: near('max_age'), mx: near('mx') },
    newline: newline ?? '\n',
    effective,
    shapes,
    notable: new LineList<PolicyLine>(store, notable.length, notable.data),
    mxWith: mxWith as ParsedPolicy['mxWith'],
    mxValues: new MxValueTable(store, mxCount, mxPicks, { patterns: mxPatterns.data, hashes: mxHashes.data, covers: mxCovers.data, anyUpper }),
  };
}

/** Flags of a plain `mx:` line whose value the fast path found clean. */
const PLAIN_OK_ROW = 1 | (4 << 3) | (OK_KIND << MX_KIND_SHIFT) | GRAMMAR | PLAIN;

class MxValueTable implements MxValues {
  readonly text: string;
  readonly length: number;
  readonly anyUpper: boolean;
  readonly patterns: Int32Array;
  readonly hashes: Int32Array;
  readonly covers: Int32Array;
  readonly #table: Int32Array;
  readonly #picks: Int32Array;

  constructor(
    store: LineStore,
    length: number,
    picks: Int32Array,
    hashed: { patterns: Int32Array; hashes: Int32Array; covers: Int32Array; anyUpper: boolean },
  ) {
    this.text = store.text;
    this.length = length;
    this.anyUpper = hashed.anyUpper;
    this.patterns = hashed.patterns;
    this.hashes = hashed.hashes;
    this.covers = hashed.covers;
    this.#table = store.table;
    this.#picks = picks;
  }
  start(i: number): number {
    return this.#table[this.#picks[i]! * STRIDE + GAP_END]!;
  }
  end(i: number): number {
    return this.#table[this.#picks[i]! * STRIDE + TRAIL_START]!;
  }
  isPattern(i: number): boolean {
    return i >= 0 && i < this.length && this.patterns[i] !== 0;
  }
}

/**
 * Whether `text[start, end)` is a clean mx pattern, decided in one loop over its char codes: a host name of at
 * least two letters-digits-hyphens labels (not all digits, which may be an address), or `*.` and such a name
 * that is not a public suffix. `checkMxValue` finds each of these `ok`; false only means "ask `checkMxValue`".
 */
function isPlainPattern(text: string, start: number, end: number): boolean {
  const wild = text.charCodeAt(start) === 42 && text.charCodeAt(start + 1) === 46;
  const nameStart = wild ? start + 2 : start;
  if (end - nameStart > 253) return false;
  let labelStart = nameStart;
  let labels = 1;
  let upper = false;
  let digitsOnly = true;
  // `patternHash`, on the way: every character allowed here is lower case once or-ed with 0x20.
  let h = wild ? hashStep(hashStep(0, 42), 46) : 0;
  let beforeDot = 0;
  let dot = -1;
  for (let i = nameStart; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (i === labelStart || i - labelStart > 63 || text.charCodeAt(i - 1) === 45) return false;
      if (dot < 0) {
        dot = i;
        beforeDot = h;
      }
      labels++;
      labelStart = i + 1;
    } else if (c >= 97 && c <= 122) {
      digitsOnly = false;
    } else if (c >= 48 && c <= 57) {
      // digits are fine anywhere in a label
    } else if (c === 45) {
      if (i === labelStart) return false;
      digitsOnly = false;
    } else if (c >= 65 && c <= 90) {
      digitsOnly = false;
      upper = true;
    } else {
      return false;
    }
    h = hashStep(h, c | 32);
  }
  if (end === labelStart || end - labelStart > 63 || text.charCodeAt(end - 1) === 45 || labels < 2 || digitsOnly) return false;
  if (wild) {
    const base = text.slice(nameStart, end);
    if (isPublicSuffix(upper ? base.toLowerCase() : base)) return false;
  }
  hashed.hash = h;
  hashed.cover = wild ? 0 : coverHash(h, beforeDot, end - dot);
  hashed.upper = upper;
  return true;
}

/** Index of the next `ch` at or after `from`, or the text length when there is none. */
function nextOf(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}

/** Whether any line looks meant for `key` without senders reading it as that key. */
export function hasNearMiss(policy: ParsedPolicy, key: PolicyKey): boolean {
  return policy.nearMisses[key].length > 0;
}

/** A C0 control character other than tab, LF and CR (NUL included), or DEL. */
function isControl(c: number): boolean {
  return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127;
}

function isWsp(c: number): boolean {
  return c === 32 || c === 9;
}

/** The policy key written at `at`, up to `end`, exactly; null when it is none. */
function keyAt(text: string, at: number, end: number): PolicyKey | null {
  switch (end - at) {
    case 2:
      return text.startsWith('mx', at) ? 'mx' : null;
    case 4:
      return text.startsWith('mode', at) ? 'mode' : null;
    case 7:
      return text.startsWith('version', at) ? 'version' : text.startsWith('max_age', at) ? 'max_age' : null;
    default:
      return null;
  }
}

/** Side data of the line table: missing colons and mx checks, each distinct mx value checked once. */
interface Memo {
  readonly extras: (MissingColon | MxCheck)[];
  /** mx value → its row flags for the check and grammar, and its index in `extras`: files with many mx lines repeat values. */
  readonly checked: Map<string, { readonly flags: number; readonly extra: number }>;
}

/** Split one line into its parts, write its row at `o` of `table`, and return the row's flags. */
function scanLine(
  text: string,
  table: Int32Array,
  o: number,
  skip: number,
  start: number,
  end: number,
  colonAt: number,
  hasControl: boolean,
  eolEnd: number,
  memo: Memo,
): number {
  const extras = memo.extras;
  const indentStart = start + skip;
  let indentEnd = indentStart;
  while (indentEnd < end && isWsp(text.charCodeAt(indentEnd))) indentEnd++;
  let trailStart = end;
  while (trailStart > indentEnd && isWsp(text.charCodeAt(trailStart - 1))) trailStart--;
  let row: number;
  let extra = -1;
  let keyEnd = -1;
  let gapEnd = -1;
  if (indentEnd === end) {
    trailStart = end;
    row = flags(0, hasControl, null, null);
  } else if (colonAt < 0) {
    const mc = findMissingColon(text, indentEnd, trailStart);
    if (mc) extra = extras.push(mc) - 1;
    row = flags(2, hasControl, null, mc?.key ?? null);
  } else {
    keyEnd = colonAt;
    while (keyEnd > indentEnd && isWsp(text.charCodeAt(keyEnd - 1))) keyEnd--;
    gapEnd = colonAt + 1;
    while (gapEnd < end && isWsp(text.charCodeAt(gapEnd))) gapEnd++;
    trailStart = Math.max(gapEnd, trailStart);
    const known = keyAt(text, indentEnd, keyEnd);
    let intended: PolicyKey | null = null;
    if (known === null) {
      const keyText = text.slice(indentEnd, keyEnd);
      // `mx smtp://host:25`: the first colon is inside the value, the key region is a key, a space and more.
      const mc = /[\s=]/.test(keyText) ? findMissingColon(text, indentEnd, trailStart) : null;
      if (mc) extra = extras.push(mc) - 1;
      intended = mc?.key ?? keyNearMiss(keyText, text.slice(gapEnd, trailStart));
    }
    const sends = known !== null && indentEnd === indentStart && keyEnd === colonAt ? known : null;
    if (known !== null && sends === null) intended = known;
    let mxFlags = 0;
    if (sends === 'mx') {
      const value = text.slice(gapEnd, trailStart);
      let seen = memo.checked.get(value);
      if (!seen) {
        const check = checkMxValue(value);
        seen = {
          flags: (mxKinds.indexOf(check.kind) << MX_KIND_SHIFT) | (isMxPatternGrammar(value) ? GRAMMAR : 0),
          extra: check.kind === 'ok' ? 0 : extras.push(check) - 1,
        };
        memo.checked.set(value, seen);
      }
      extra = seen.extra;
      mxFlags = seen.flags;
    }
    row = flags(1, hasControl, sends, intended) | mxFlags;
    if (trailStart > gapEnd) {
      for (let i = colonAt + 1; i < gapEnd; i++) if (text.charCodeAt(i) === 9) row |= TAB_AFTER_COLON;
    }
  }
  table[o + START] = start;
  table[o + END] = end;
  table[o + EOL_END] = eolEnd;
  table[o + INDENT_END] = indentEnd;
  table[o + TRAIL_START] = trailStart;
  table[o + COLON] = colonAt;
  table[o + KEY_END] = keyEnd;
  table[o + GAP_END] = gapEnd;
  table[o + FLAGS] = row;
  table[o + EXTRA] = extra;
  return row;
}

/** `mode enforce`, `max_age=86400`, `Mode enforce`, `maxage 86400`: a key-like word, then whitespace or `=`, not `:`. */
function findMissingColon(text: string, start: number, end: number): MissingColon | null {
  let t = start;
  while (t < end) {
    const c = text.charCodeAt(t);
    if (isWsp(c) || c === 58 || c === 61) break;
    t++;
  }
  if (t === start || t - start > 40) return null;
  let sepEnd = t;
  while (sepEnd < end && isWsp(text.charCodeAt(sepEnd))) sepEnd++;
  if (sepEnd < end && text.charCodeAt(sepEnd) === 61) {
    sepEnd++;
    while (sepEnd < end && isWsp(text.charCodeAt(sepEnd))) sepEnd++;
  }
  if (sepEnd < end && text.charCodeAt(sepEnd) === 58) return null; // `mx :` is whitespace before the colon
  if (sepEnd === t && t < end) return null;
  const key = keyNearMiss(text.slice(start, t), text.slice(sepEnd, end));
  if (key === null) return null;
  return { key, name: { start, end: t }, separator: { start: t, end: sepEnd }, value: { start: sepEnd, end } };
}

/** RFC 8461 §3.2 as a sender applies it: lines end at LF or CRLF, `key:` exactly, first occurrence wins. */
function senderView(text: string, start: number): EffectivePolicy {
  let version: 'STSv1' | null = null;
  let mode: PolicyMode | null = null;
  let maxAge: number | null = null;
  const seen = { version: false, mode: false, max_age: false };
  const mx: string[] = [];
  let pos = start;
  let colon = -1;
  while (pos < text.length) {
    let lf = text.indexOf('\n', pos);
    if (lf < 0) lf = text.length;
    const end = lf > pos && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
    // The next colon is searched again only once passed: linear even for 100 000 lines without one.
    if (colon < pos) {
      const next = text.indexOf(':', pos);
      colon = next < 0 ? text.length : next;
    }
    if (colon < end && colon - pos <= 7) {
      const key = text.slice(pos, colon);
      if (isPolicyKey(key) && (key === 'mx' || !seen[key])) {
        let v = colon + 1;
        while (v < end && isWsp(text.charCodeAt(v))) v++;
        let e = end;
        while (e > v && isWsp(text.charCodeAt(e - 1))) e--;
        const value = text.slice(v, e);
        if (key === 'mx') {
          if (isMxPatternGrammar(value)) mx.push(value);
        } else {
          seen[key] = true;
          if (key === 'version') version = value === 'STSv1' ? 'STSv1' : null;
          else if (key === 'mode') mode = isPolicyMode(value) ? value : null;
          else maxAge = isMaxAgeValue(value) ? Number(value) : null;
        }
      }
    }
    pos = lf + 1;
  }
  return { version, mode, maxAge, mx };
}
