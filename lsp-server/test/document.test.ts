// The server's open document (src/document.ts) against vscode-languageserver-textdocument, the implementation it
// replaced: the same text, positions and offsets after every edit of random edit sequences, with CRLF and lone CR
// line breaks, positions past a line's end or the last line, reversed ranges, several changes in one notification and
// whole-text changes. Its line index must equal a fresh one of the same text. Each sequence runs twice: with texts
// kept as bytes from length 0 on (a wide character, U+0100 or above, drops them; a whole-text change brings them back)
// and with the default, where these small texts are ropes.
import { LineIndex } from '@sts-lens/shared';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { OpenDocument } from '../src/document.ts';

/** A small deterministic generator (the same sequences every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const pieces = ['a', 'bc', ' IN A 192.0.2.1', '\n', '\r\n', '\r', '"x y"', '(', ')', ';c', 'é', '😀', ''];

describe('OpenDocument', () => {
  it.each([0, undefined])('agrees with vscode-languageserver-textdocument over random edits (bytes from %s)', (bufferFrom) => {
    let joined = 0;
    let asBytes = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
      const word = (n: number) => Array.from({ length: n }, () => pick(pieces)).join('');
      const start = word(20);
      let ref = TextDocument.create('file:///z.zone', 'dns-zone', 1, start);
      let doc = OpenDocument.create('file:///z.zone', 'dns-zone', 1, start, bufferFrom);
      for (let v = 2; v < 40; v++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        const n = 1 + Math.floor(r() * 3);
        for (let k = 0; k < n; k++) {
          const lines = Math.max(ref.lineCount, 1);
          // Positions may lie past a line's end or below the last line: both clamp.
          const pos = () => ({ line: Math.floor(r() * (lines + 1)), character: Math.floor(r() * 12) });
          changes.push(r() < 0.05 ? { text: word(10) } : { range: { start: pos(), end: pos() }, text: word(Math.floor(r() * 4)) });
        }
        // TextDocument's own line table, moved edit by edit, can go wrong where an edit joins a CR and an LF (it then
        // counts two breaks): the reference applies one change at a time to a fresh document of the text so far.
        for (const c of changes) {
          const moved = TextDocument.update(ref, [c], v);
          const text = moved.getText();
          ref = TextDocument.create('file:///z.zone', 'dns-zone', v, text);
          if (moved.lineCount !== ref.lineCount) joined++;
        }
        const before = doc.getText();
        const earlier = doc;
        doc = OpenDocument.update(doc, changes, v);
        const text = ref.getText();
        expect(earlier.getText(), 'an earlier version keeps its text').toBe(before);
        if (doc.keepsBytes) asBytes++;
        expect(doc.getText(), `seed ${seed} version ${v}`).toBe(text);
        expect(doc.version).toBe(v);
        expect(doc.lineCount).toBe(ref.lineCount);
        expect(Array.from(doc.lines.lineStarts)).toEqual(Array.from(new LineIndex(text).lineStarts));
        // Inside a CRLF the two differ on purpose: the core's line index says the character after the CR (as for every
        // range the core reports), TextDocument the one before it.
        for (let o = 0; o <= text.length; o++) if (!(text[o - 1] === '\r' && text[o] === '\n')) expect(doc.positionAt(o)).toEqual(ref.positionAt(o));
        for (let line = 0; line <= ref.lineCount; line++) {
          for (const character of [0, 1, 5, 40]) expect(doc.offsetAt({ line, character })).toBe(ref.offsetAt({ line, character }));
        }
        const range = { start: { line: 0, character: 2 }, end: { line: Math.floor(ref.lineCount / 2), character: 3 } };
        expect(doc.getText(range)).toBe(ref.getText(range));
      }
    }
    // The sequences do join CRs and LFs (the case the moved table gets wrong), so that case is covered here.
    expect(joined).toBeGreaterThan(0);
    // Both modes ran: bytes, while no wide character came in, or never (the default, for texts this small).
    if (bufferFrom === 0) expect(asBytes).toBeGreaterThan(100);
    else expect(asBytes).toBe(0);
  });

  it('tells the offsets of each ranged change in the text it applies to, and a whole-text change', () => {
    const seen: number[][] = [];
    const doc = OpenDocument.create('file:///z.zone', 'dns-zone', 1, 'ab\ncd\nef\n');
    const next = OpenDocument.update(doc, [
      { range: { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }, text: 'X\n' },
      { range: { start: { line: 3, character: 0 }, end: { line: 0, character: 1 } }, text: '' },
      { text: 'new' },
    ], 2, (a, b, length) => seen.push([a, b, length]));
    expect(seen).toEqual([[4, 5, 9], [1, 7, 10], [-1, -1, -1]]);
    expect(next.getText()).toBe('new');
    expect(doc.getText()).toBe('ab\ncd\nef\n');
  });

  it('edits a megabyte text as bytes, grown past its room, and falls back to strings at a wide character', () => {
    const line = 'host IN A 192.0.2.1 ; caf\u00e9\n';
    const big = line.repeat(Math.ceil((1 << 20) / line.length));
    let doc = OpenDocument.create('file:///z.zone', 'dns-zone', 1, big);
    expect(doc.keepsBytes).toBe(true);
    expect(OpenDocument.create('file:///z.zone', 'dns-zone', 1, big.slice(0, 1000)).keepsBytes).toBe(false);
    let want = big;
    const at = (offset: number) => doc.positionAt(offset);
    const edit = (a: number, b: number, insert: string, version: number) => {
      doc = OpenDocument.update(doc, [{ range: { start: at(a), end: at(b) }, text: insert }], version);
      want = want.slice(0, a) + insert + want.slice(b);
      expect(doc.getText(), `version ${version}`).toBe(want);
      expect(Array.from(doc.lines.lineStarts)).toEqual(Array.from(new LineIndex(want).lineStarts));
    };
    edit(5, 5, 'x', 2);
    edit(100, 140, '', 3);
    // A paste larger than the room left (64 KiB): the bytes move to a larger buffer.
    edit(1000, 1000, line.repeat(4000), 4);
    edit(want.length, want.length, 'tail IN TXT "\u00ff"\n', 5);
    expect(doc.keepsBytes).toBe(true);
    const kept = doc;
    edit(7, 7, 'x', 6);
    expect([kept.keepsBytes, doc.keepsBytes]).toEqual([false, true]);
    // Updating an older version again (its bytes were taken) still starts from its own text.
    const again = OpenDocument.update(kept, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'y' }], 6);
    expect(again.getText()).toBe('y' + kept.getText());
    edit(10, 12, '\u{1f600}', 7);
    expect(doc.keepsBytes).toBe(false);
    edit(20, 20, 'z', 8);
    doc = OpenDocument.update(doc, [{ text: big }], 9);
    want = big;
    edit(3, 4, 'Q', 10);
    expect(doc.keepsBytes).toBe(true);
  });
});
