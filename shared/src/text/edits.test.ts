import { describe, expect, it } from 'vitest';
import { applyEdits } from './edits.ts';

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
