import { rdataRule } from './rdata-rule.ts';

export const badRdata = rdataRule({
  name: 'bad-rdata',
  severity: 'error',
  rfc: 'RFC 3597 §5',
  summary: 'The RDATA of every record type has the fields its RFC defines (docs/zone.md lists them), and `\\#` data fits the type\'s wire format.',
  fixable: false,
});
