import { parseIpv6 } from '../address.ts';
import { rdataRule } from './rdata-rule.ts';

export const badIpv4 = rdataRule(
  { name: 'bad-ipv4', severity: 'error', rfc: 'RFC 1035 §3.4.1', summary: 'An A record holds one IPv4 address in dotted-quad form.', fixable: true },
  (ctx, p) => {
    const t = p.record.typeTok;
    if (!parseIpv6(ctx.text.slice(p.range.start, p.range.end))) return [];
    const range = { start: ctx.zone.tokens.start[t]!, end: ctx.zone.tokens.end[t]! };
    return [{ title: 'Make it an AAAA record', edits: [{ range, newText: 'AAAA' }], isPreferred: true }];
  },
);
