import { describe, expect, it } from 'vitest';
import { rng } from '../../test/random.ts';
import { LineIndex } from './line-index.ts';

describe('LineIndex', () => {
  it('maps offsets to 0-based lines and UTF-16 characters across LF, CRLF and lone CR', () => {
    const idx = new LineIndex('ab\ncd\r\nef\rgh');
    expect(idx.lineCount).toBe(4);
    expect(idx.positionAt(0)).toEqual({ line: 0, character: 0 });
    expect(idx.positionAt(2)).toEqual({ line: 0, character: 2 });
    expect(idx.positionAt(3)).toEqual({ line: 1, character: 0 });
    expect(idx.positionAt(7)).toEqual({ line: 2, character: 0 });
    expect(idx.positionAt(10)).toEqual({ line: 3, character: 0 });
    expect(idx.positionAt(12)).toEqual({ line: 3, character: 2 });
  });

  it('counts a character outside the BMP as two UTF-16 units', () => {
    const idx = new LineIndex('x\n😀mx');
    expect(idx.positionAt(5)).toEqual({ line: 1, character: 3 });
  });

  it('clamps out-of-range offsets and positions', () => {
    const idx = new LineIndex('ab\r\ncd');
    expect(idx.positionAt(-5)).toEqual({ line: 0, character: 0 });
    expect(idx.positionAt(99)).toEqual({ line: 1, character: 2 });
    expect(idx.offsetAt({ line: 0, character: 99 })).toBe(2);
    expect(idx.offsetAt({ line: 7, character: 0 })).toBe(6);
    expect(idx.offsetAt({ line: 1, character: 1 })).toBe(5);
  });

  it('round-trips every offset of a mixed text', () => {
    const text = 'version: STSv1\r\nmode: enforce\rmx: ü.example\n\nmax_age: 1';
    const idx = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) {
      // An offset between the CR and LF of a pair is not a place a cursor can be.
      if (text[o - 1] === '\r' && text[o] === '\n') continue;
      expect(idx.offsetAt(idx.positionAt(o))).toBe(o);
    }
  });

  it('after an edit, keeps the line starts around it and equals an index built afresh (LF, CRLF, lone CR)', () => {
    const rnd = rng(1035);
    const pieces = ['\n', '\r', '\r\n', 'a', 'bc', ' ', '\n\n', 'x\r'];
    const pick = () => pieces[Math.floor(rnd() * pieces.length)]!;
    let text = Array.from({ length: 300 }, pick).join('');
    let idx = new LineIndex(text);
    void idx.lineStarts;
    for (let n = 0; n < 2000; n++) {
      const at = Math.floor(rnd() * (text.length + 1));
      const del = Math.floor(rnd() * 3);
      const next = text.slice(0, at) + (rnd() < 0.7 ? pick() : '') + text.slice(Math.min(text.length, at + del));
      const edited = LineIndex.edited(idx, next);
      expect(Array.from(edited.lineStarts), `edit ${n}`).toEqual(Array.from(new LineIndex(next).lineStarts));
      text = next;
      idx = edited;
    }
  });
});
