import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { recordsOfType } from '../names.ts';
import { hasType } from '../owners.ts';
import { RR } from '../rr-types.ts';

export const nsApex: Rule<ZoneContext> = {
  code: 'zone/ns-apex',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 1034 §4.2.1',
  summary: 'A zone lists its name servers in NS records at the apex.',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const soaRec = recordsOfType(zone, RR.SOA)[0];
    if (!soaRec || hasType(zone, soaRec.owner, [RR.NS])) return;
    report({ range: { start: soaRec.start, end: soaRec.end }, message: `the zone has no NS records at its apex \`${soaRec.owner}\`, so servers refuse to load it; add \`@ IN NS\` lines naming its name servers` });
  },
};
