// An open document as the server holds it: its text and the core's line index, edited change by change. The
// analysis of a version reads the same index (`lines`), so a 100k-line zone's line starts are found once, when it
// opens, and after that each keystroke only moves them (vscode-languageserver-textdocument kept a second table of
// its own, built on the first edit: 18 ms on the first keystroke in a 100k-record zone).
//
// A large text whose characters are all U+0000-U+00FF (a zone file nearly always) is also kept as bytes, one per
// character, in a buffer with room to grow that passes from version to version: an edit moves the bytes after it
// and writes the new ones, and the version's text is read off the buffer in one copy (Node makes a string of a
// megabyte or more an external one over its own copy). The text of `slice + insert + slice` is a rope that the
// first read flattens into fresh heap memory: 9-10 ms per keystroke on a 3.4 MB zone, more than half of what the
// re-parse and the rules then take; the buffer's copy lands in memory malloc has just freed, 0.3 ms.
import { LineIndex, type Position } from '@sts-lens/shared';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';

interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Texts from this length on are kept as bytes too (below it a rope's flattening costs less than a millisecond). */
export const BUFFER_FROM = 1 << 20;

/** A character above U+00FF: such a text has no one-byte form. */
const WIDE = /[^\u0000-\u00ff]/;

/** The bytes of a text, one per character, and how many are in use; the rest is room for edits. */
interface Bytes {
  buffer: Buffer;
  length: number;
}

function bytesOf(text: string, from: number): Bytes | null {
  if (text.length < from || WIDE.test(text)) return null;
  const buffer = Buffer.allocUnsafe(text.length + Math.max(65536, text.length >> 4));
  buffer.write(text, 0, 'latin1');
  return { buffer, length: text.length };
}

/** `bytes` with `[a, b)` replaced by `insert` (one-byte characters), grown when full. */
function splice(bytes: Bytes, a: number, b: number, insert: string): Bytes {
  const length = bytes.length - (b - a) + insert.length;
  let buffer = bytes.buffer;
  if (length > buffer.length) {
    const grown = Buffer.allocUnsafe(length + Math.max(65536, length >> 3));
    buffer.copy(grown, 0, 0, a);
    buffer.copy(grown, a + insert.length, b, bytes.length);
    buffer = grown;
  } else if (b - a !== insert.length) {
    buffer.copyWithin(a + insert.length, b, bytes.length);
  }
  buffer.write(insert, a, 'latin1');
  return { buffer, length };
}

export class OpenDocument {
  private constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    /** The line index of this version's text. */
    readonly lines: LineIndex,
    /** This version's bytes, until the next version takes them over ('taken'); null: not kept. */
    private bytes: Bytes | null | 'taken',
    /** The length from which texts are kept as bytes. */
    private readonly bufferFrom: number,
  ) {}

  static create(uri: string, languageId: string, version: number, text: string, bufferFrom = BUFFER_FROM): OpenDocument {
    return new OpenDocument(uri, languageId, version, new LineIndex(text), bytesOf(text, bufferFrom), bufferFrom);
  }

  /**
   * The document after `changes`, applied in order (LSP positions are read against the text each change finds). `seen`
   * hears each ranged change's offsets in the text it applies to, or null for a change of the whole text. The new
   * version takes over `doc`'s bytes; `doc` keeps its text.
   */
  static update(doc: OpenDocument, changes: readonly TextDocumentContentChangeEvent[], version: number, seen?: (from: number, to: number, length: number) => void): OpenDocument {
    let lines = doc.lines;
    // An older version updated again (the server never does) has no bytes left to move: they are made anew.
    let bytes = doc.bytes === 'taken' ? bytesOf(lines.text, doc.bufferFrom) : doc.bytes;
    if (bytes) doc.bytes = 'taken';
    for (const c of changes) {
      if ('range' in c && c.range) {
        const text = lines.text;
        const x = lines.offsetAt(c.range.start);
        const y = lines.offsetAt(c.range.end);
        const a = Math.min(x, y);
        const b = Math.max(x, y);
        seen?.(a, b, text.length);
        if (bytes && WIDE.test(c.text)) bytes = null;
        let next: string;
        if (bytes) {
          bytes = splice(bytes, a, b, c.text);
          next = bytes.buffer.toString('latin1', 0, bytes.length);
        } else {
          next = text.slice(0, a) + c.text + text.slice(b);
        }
        lines = LineIndex.edited(lines, next, { prefix: a, suffix: text.length - b });
      } else {
        seen?.(-1, -1, -1);
        lines = new LineIndex(c.text);
        bytes = bytesOf(c.text, doc.bufferFrom);
      }
    }
    return new OpenDocument(doc.uri, doc.languageId, version, lines, bytes, doc.bufferFrom);
  }

  /** Whether this version's text is kept as bytes (and not yet taken over by a newer version). */
  get keepsBytes(): boolean {
    return this.bytes !== null && this.bytes !== 'taken';
  }

  getText(range?: Range): string {
    const text = this.lines.text;
    if (!range) return text;
    return text.slice(this.lines.offsetAt(range.start), this.lines.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(position);
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }
}
