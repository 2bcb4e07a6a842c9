import type { Span } from '../diagnostic.ts';

/** A JSON value with the span of its text (UTF-16 offsets). */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

export interface JsonObject extends Span {
  readonly kind: 'object';
  readonly members: readonly JsonMember[];
}
/** One `"key": value` pair; `keySpan` covers the key with its quotes. */
export interface JsonMember {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: JsonNode;
}
export interface JsonArray extends Span {
  readonly kind: 'array';
  readonly items: readonly JsonNode[];
}
export interface JsonString extends Span {
  readonly kind: 'string';
  readonly value: string;
}
/** A number; its text (`5`, `5.0`, `1e3`) is `text.slice(start, end)`. */
export interface JsonNumber extends Span {
  readonly kind: 'number';
  readonly value: number;
}
export interface JsonBoolean extends Span {
  readonly kind: 'boolean';
  readonly value: boolean;
}
export interface JsonNull extends Span {
  readonly kind: 'null';
}

/** Why the text is not JSON: the first problem only, since nothing after it has a meaning. */
export interface JsonSyntaxError {
  readonly range: Span;
  readonly message: string;
}

export interface JsonParse {
  /** The value, or null when the text is not JSON. */
  readonly root: JsonNode | null;
  readonly error: JsonSyntaxError | null;
}

export interface JsonParseOptions {
  /** Deepest nesting of arrays and objects accepted (default 512); deeper input is an error, never a stack overflow. */
  readonly maxDepth?: number;
  /** Longest text parsed, in UTF-16 code units (default 256 Mi); longer text is an error without a parse. */
  readonly maxLength?: number;
}

export const DEFAULT_JSON_MAX_DEPTH = 512;
export const DEFAULT_JSON_MAX_LENGTH = 256 * 1024 * 1024;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

interface Frame {
  readonly kind: 'object' | 'array';
  readonly start: number;
  readonly members: JsonMember[];
  readonly items: JsonNode[];
  /** Object frames: the key waiting for its value. */
  key: string;
  keySpan: Span;
}

class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

/**
 * Parse JSON (RFC 8259) keeping the span of every value and key. Total: any text yields a value or the first syntax
 * error. Iterative (an explicit stack), so nesting depth costs heap, not call stack, and stops at `maxDepth`.
 * A leading BOM is skipped. Duplicate keys are all kept in order; readers decide which counts.
 */
export function parseJson(text: string, options: JsonParseOptions = {}): JsonParse {
  const maxDepth = options.maxDepth ?? DEFAULT_JSON_MAX_DEPTH;
  const maxLength = options.maxLength ?? DEFAULT_JSON_MAX_LENGTH;
  if (text.length > maxLength) {
    return { root: null, error: { range: { start: 0, end: 0 }, message: `the text is ${text.length} characters long, over the limit of ${maxLength}; it is not read` } };
  }
  try {
    return { root: parseValue(text, maxDepth), error: null };
  } catch (e) {
    if (e instanceof Stop) return { root: null, error: e.error };
    throw e;
  }
}

function fail(start: number, end: number, message: string): never {
  throw new Stop({ range: { start, end }, message });
}

function describeAt(text: string, i: number): string {
  if (i >= text.length) return 'the end of the text';
  const cp = text.codePointAt(i)!;
  if (cp < 0x20 || cp === 0x7f) return `the control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\`${String.fromCodePoint(cp)}\``;
}

function charEnd(text: string, i: number): number {
  if (i >= text.length) return i;
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

function parseValue(text: string, maxDepth: number): JsonNode {
  const stack: Frame[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let done: JsonNode | null = null;
  for (;;) {
    // Read one value (a scalar, or the opening of a container).
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    let value: JsonNode | null = null;
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) fail(i, i + 1, `nested deeper than ${maxDepth} levels of arrays and objects; the report is not read`);
      const frame: Frame = { kind: c === 0x7b ? 'object' : 'array', start: i, members: [], items: [], key: '', keySpan: { start: 0, end: 0 } };
      stack.push(frame);
      i = skipSpace(text, i + 1);
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(i) === close) {
        stack.pop();
        value = frame.kind === 'object' ? { kind: 'object', start: frame.start, end: i + 1, members: frame.members } : { kind: 'array', start: frame.start, end: i + 1, items: frame.items };
        i++;
      } else if (frame.kind === 'object') {
        i = readKey(text, i, frame);
        continue;
      } else {
        continue;
      }
    } else if (c === 0x22 /* " */) {
      const s = readString(text, i);
      value = { kind: 'string', start: i, end: s.end, value: s.value };
      i = s.end;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail(i, charEnd(text, i + 1), `a number must have a digit after \`-\`, found ${describeAt(text, i + 1)}`);
      const end = i + m[0].length;
      const after = text.charCodeAt(end);
      if (after === 0x2e || after === 0x65 || after === 0x45 || (after >= 0x30 && after <= 0x39)) {
        fail(i, charEnd(text, end), `\`${text.slice(i, charEnd(text, end))}\` is not a JSON number (no leading zeros; digits after \`.\` and the exponent)`);
      }
      value = { kind: 'number', start: i, end, value: Number(m[0]) };
      i = end;
    } else if (text.startsWith('true', i)) {
      value = { kind: 'boolean', start: i, end: i + 4, value: true };
      i += 4;
    } else if (text.startsWith('false', i)) {
      value = { kind: 'boolean', start: i, end: i + 5, value: false };
      i += 5;
    } else if (text.startsWith('null', i)) {
      value = { kind: 'null', start: i, end: i + 4 };
      i += 4;
    } else if (i >= text.length) {
      fail(i, i, stack.length === 0 ? 'the text is empty; a report is a JSON object' : 'the text ends inside an unclosed array or object');
    } else {
      fail(i, charEnd(text, i), `expected a JSON value, found ${describeAt(text, i)}`);
    }

    // Attach the value, then close as many containers as the text closes.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        done = value;
        break;
      }
      if (top.kind === 'object') top.members.push({ key: top.key, keySpan: top.keySpan, value: value! });
      else top.items.push(value!);
      i = skipSpace(text, i);
      const d = text.charCodeAt(i);
      const close = top.kind === 'object' ? 0x7d : 0x5d;
      if (d === 0x2c /* , */) {
        i = skipSpace(text, i + 1);
        if (top.kind === 'object') i = readKey(text, i, top);
        break;
      }
      if (d === close) {
        stack.pop();
        value = top.kind === 'object' ? { kind: 'object', start: top.start, end: i + 1, members: top.members } : { kind: 'array', start: top.start, end: i + 1, items: top.items };
        i++;
        continue;
      }
      if (i >= text.length) fail(i, i, `the text ends inside an unclosed ${top.kind === 'object' ? 'object (missing `}`)' : 'array (missing `]`)'}`);
      fail(i, charEnd(text, i), `expected \`,\` or \`${top.kind === 'object' ? '}' : ']'}\`, found ${describeAt(text, i)}`);
    }
    if (done !== null) break;
  }
  const end = skipSpace(text, i);
  if (end < text.length) fail(end, charEnd(text, end), `unexpected ${describeAt(text, end)} after the JSON value`);
  return done;
}

/** Read `"key"` and the `:` after it into the frame; returns the offset of the value. */
function readKey(text: string, i: number, frame: Frame): number {
  if (text.charCodeAt(i) !== 0x22) {
    if (i >= text.length) fail(i, i, 'the text ends inside an unclosed object (missing `}`)');
    fail(i, charEnd(text, i), `expected a key in double quotes, found ${describeAt(text, i)}`);
  }
  const s = readString(text, i);
  frame.key = s.value;
  frame.keySpan = { start: i, end: s.end };
  const colon = skipSpace(text, s.end);
  if (text.charCodeAt(colon) !== 0x3a) fail(colon, charEnd(text, colon), `expected \`:\` after the key "${s.value}", found ${describeAt(text, colon)}`);
  return colon + 1;
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Read a string starting at the quote at `start`. */
function readString(text: string, start: number): { value: string; end: number } {
  let i = start + 1;
  let chunkStart = i;
  let value = '';
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { value: value + text.slice(chunkStart, i), end: i + 1 };
    if (Number.isNaN(c)) fail(start, i, 'the text ends inside a string (missing `"`)');
    if (c < 0x20) fail(i, i + 1, `${describeAt(text, i)} must be escaped inside a string`);
    if (c !== 0x5c) {
      i++;
      continue;
    }
    value += text.slice(chunkStart, i);
    const e = text[i + 1];
    if (e === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) fail(i, Math.min(i + 6, text.length), '`\\u` must be followed by four hexadecimal digits');
      value += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
      value += ESCAPES[e];
      i += 2;
    } else {
      fail(i, charEnd(text, i + 1), `\`\\${e ?? ''}\` is not a JSON escape (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)`);
    }
    chunkStart = i;
  }
}

/** The value of the last member named `key` (as JSON.parse reads duplicates), or undefined. */
export function memberValue(object: JsonObject, key: string): JsonNode | undefined {
  const members = object.members;
  for (let i = members.length - 1; i >= 0; i--) if (members[i]!.key === key) return members[i]!.value;
  return undefined;
}

/** The last member named `key`, or undefined. */
export function member(object: JsonObject, key: string): JsonMember | undefined {
  const members = object.members;
  for (let i = members.length - 1; i >= 0; i--) if (members[i]!.key === key) return members[i];
  return undefined;
}
