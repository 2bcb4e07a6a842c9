import { rdataRule } from './rdata-rule.ts';

export const badRdata = rdataRule({
  name: 'bad-rdata',
  severity: 'error',
  rfc: 'RFC 1035 §3.3',
  summary: 'The RDATA of SOA, NS, MX, CNAME, PTR, SRV, CAA, TLSA, DS, DNSKEY, SVCB/HTTPS and `\\#` records has the fields its type defines.',
  fixable: false,
});
