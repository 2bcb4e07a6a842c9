import { describe, expect, it } from 'vitest';
import { rng } from '../../test/random.ts';
import { applyEdits, diffEdits } from './edits.ts';

describe('applyEdits', () => {
  it('applies replacements, insertions and deletions in any order', () => {
    const text = 'mx: MAIL.example.com.\n';
    const out = applyEdits(text, [
      { range: { start: 20, end: 21 }, newText: '' },
      { range: { start: 4, end: 8 }, newText: 'mail' },
      { range: { start: 0, end: 0 }, newText: 'version: STSv1\n' },
    ]);
    expect(out).toBe('version: STSv1\nmx: mail.example.com\n');
  });

  it('skips an edit overlapping an earlier one instead of corrupting the text', () => {
    expect(
      applyEdits('abcdef', [
        { range: { start: 1, end: 4 }, newText: 'X' },
        { range: { start: 2, end: 3 }, newText: 'Y' },
      ]),
    ).toBe('aXef');
  });
});

describe('diffEdits', () => {
  it('edits only the lines that differ, and applying the edits gives the new text', () => {
    const same = 'h A 192.0.2.9\n'.repeat(4);
    const old = `a  A 192.0.2.1\n${same}b A 192.0.2.2\n${same}c  A 192.0.2.3\n`;
    const neu = `a A 192.0.2.1\n${same}b A 192.0.2.2\n${same}c A 192.0.2.3\n`;
    expect(diffEdits(old, neu)).toEqual([
      { range: { start: 0, end: 15 }, newText: 'a A 192.0.2.1\n' },
      { range: { start: 141, end: 156 }, newText: 'c A 192.0.2.3\n' },
    ]);
    expect(diffEdits(old, old)).toEqual([]);
    // Past the cap (a file changed throughout): one edit for the changed middle.
    expect(diffEdits(old, neu, 1)).toEqual([{ range: { start: 2, end: 143 }, newText: neu.slice(2, 141) }]);
  });

  it('turns any text into any other (LF, CRLF, lone CR, added and removed lines)', () => {
    const rnd = rng(8461);
    const pieces = ['a', 'b ', '\n', '\r\n', '\r', 'xyz', ''];
    const text = () => Array.from({ length: Math.floor(rnd() * 30) }, () => pieces[Math.floor(rnd() * pieces.length)]).join('');
    for (let n = 0; n < 3000; n++) {
      const a = text();
      const b = rnd() < 0.5 ? text() : a.replace(/b/g, 'B');
      expect(applyEdits(a, diffEdits(a, b)), JSON.stringify([a, b])).toBe(b);
      expect(applyEdits(a, diffEdits(a, b, 1)), JSON.stringify([a, b])).toBe(b);
    }
  });
});

