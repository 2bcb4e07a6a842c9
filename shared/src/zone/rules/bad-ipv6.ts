import { isIpv4 } from '../address.ts';
import { rdataRule } from './rdata-rule.ts';

export const badIpv6 = rdataRule(
  { name: 'bad-ipv6', severity: 'error', rfc: 'RFC 3596 §2.4', summary: 'An AAAA record holds one IPv6 address in RFC 4291 text form.', fixable: true },
  (ctx, p) => {
    const t = p.record.typeTok;
    if (!isIpv4(ctx.text.slice(p.range.start, p.range.end))) return [];
    const range = { start: ctx.zone.tokens.start[t]!, end: ctx.zone.tokens.end[t]! };
    return [{ title: 'Make it an A record', edits: [{ range, newText: 'A' }], isPreferred: true }];
  },
);
