import { problemRule } from './problem-rule.ts';

export const unterminatedString = problemRule(
  {
    name: 'unterminated-string',
    severity: 'error',
    rfc: 'RFC 1035 §5.1',
    summary: 'A quoted string must close on the line it opens on.',
    fixable: true,
  },
  (ctx, p) => {
    if (p.range.end > ctx.text.length) return [];
    let end = p.range.end;
    while (end > p.range.start + 1 && /[ \t]/.test(ctx.text[end - 1]!)) end--;
    return [{ title: 'Add the closing `"`', edits: [{ range: { start: end, end }, newText: '"' }], isPreferred: true }];
  },
);
