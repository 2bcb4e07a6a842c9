// An open document as the server holds it: its text and the core's line index, edited change by change. The
// analysis of a version reads the same index (`lines`), so a 100k-line zone's line starts are found once, when it
// opens, and after that each keystroke only moves them (vscode-languageserver-textdocument kept a second table of
// its own, built on the first edit: 18 ms on the first keystroke in a 100k-record zone).
import { LineIndex, type Position } from '@sts-lens/shared';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';

interface Range {
  readonly start: Position;
  readonly end: Position;
}

export class OpenDocument {
  private constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    /** The line index of this version's text. */
    readonly lines: LineIndex,
  ) {}

  static create(uri: string, languageId: string, version: number, text: string): OpenDocument {
    return new OpenDocument(uri, languageId, version, new LineIndex(text));
  }

  /**
   * The document after `changes`, applied in order (LSP positions are read against the text each change finds). `seen`
   * hears each ranged change's offsets in the text it applies to, or null for a change of the whole text.
   */
  static update(doc: OpenDocument, changes: readonly TextDocumentContentChangeEvent[], version: number, seen?: (from: number, to: number, length: number) => void): OpenDocument {
    let lines = doc.lines;
    for (const c of changes) {
      if ('range' in c && c.range) {
        const text = lines.text;
        const x = lines.offsetAt(c.range.start);
        const y = lines.offsetAt(c.range.end);
        const a = Math.min(x, y);
        const b = Math.max(x, y);
        seen?.(a, b, text.length);
        const next = text.slice(0, a) + c.text + text.slice(b);
        lines = LineIndex.edited(lines, next, { prefix: a, suffix: text.length - b });
      } else {
        seen?.(-1, -1, -1);
        lines = new LineIndex(c.text);
      }
    }
    return new OpenDocument(doc.uri, doc.languageId, version, lines);
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
