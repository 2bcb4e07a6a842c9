import { problemRule } from './problem-rule.ts';

export const missingOwner = problemRule(
  {
    name: 'missing-owner',
    severity: 'error',
    rfc: 'RFC 1035 §5.1',
    summary: 'A line that starts with a blank repeats the previous owner, so the first record must name its owner.',
    fixable: true,
  },
  (ctx, p) => {
    if (p.range.end > ctx.text.length) return [];
    let lineStart = p.range.start;
    while (lineStart > 0 && !/[\r\n]/.test(ctx.text[lineStart - 1]!)) lineStart--;
    return [{ title: 'Use the zone apex `@` as owner', edits: [{ range: { start: lineStart, end: lineStart }, newText: '@' }], isPreferred: true }];
  },
);
