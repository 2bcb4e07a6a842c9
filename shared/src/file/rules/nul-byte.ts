import type { Rule } from '../../rule.ts';
import type { FileContext } from '../context.ts';

export const nulByte: Rule<FileContext> = {
  code: 'file/nul-byte',
  kind: 'file',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'The file contains NUL bytes: it is binary or corrupted, not a text record.',
  fixable: true,
  check(ctx, report) {
    const first = ctx.text.indexOf('\0');
    if (first < 0) return;
    let count = 0;
    const edits = [];
    for (let i = first; i >= 0 && count < 10_000; i = ctx.text.indexOf('\0', i + 1), count++) {
      edits.push({ range: { start: i, end: i + 1 }, newText: '' });
    }
    report({
      range: { start: first, end: first + 1 },
      message: `the file contains NUL bytes (${count >= 10_000 ? 'at least 10000' : count}); it looks binary or corrupted: remove them or save the file as plain text`,
      fixes: count < 10_000 ? [{ title: 'Remove the NUL bytes', edits, isPreferred: true }] : [],
    });
  },
};
