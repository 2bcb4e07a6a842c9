import { rdataRule } from './rdata-rule.ts';

export const mxPreference = rdataRule(
  { name: 'mx-preference', severity: 'error', rfc: 'RFC 1035 §3.3.9', summary: 'An MX preference is a 16-bit number, 0 to 65535.', fixable: true },
  (ctx, p) => {
    const v = ctx.text.slice(p.range.start, p.range.end);
    const to = v.startsWith('-') ? '0' : '65535';
    return [{ title: `Use \`${to}\``, edits: [{ range: p.range, newText: to }] }];
  },
);
