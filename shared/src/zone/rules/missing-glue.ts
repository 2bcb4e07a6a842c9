import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { isInZone } from '../name.ts';
import { hasType } from '../owners.ts';
import { mxNsTargets } from '../rdata.ts';
import { RR } from '../rr-types.ts';

export const missingGlue: Rule<ZoneContext> = {
  code: 'zone/missing-glue',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 1034 §4.2.1',
  summary: 'A name server whose name is inside the zone needs A/AAAA records (glue, below a delegation) in the zone.',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const apex = zone.apex;
    if (apex === null) return;
    for (const target of mxNsTargets(zone)) {
      const rec = target.rec;
      if (rec.type !== RR.NS || !isInZone(target.name, apex) || hasType(zone, target.name, [RR.A, RR.AAAA])) continue;
      const below = rec.owner !== apex && isInZone(target.name, rec.owner);
      report({
        range: { start: zone.tokens.start[target.tok]!, end: zone.tokens.end[target.tok]! },
        message: below
          ? `name server \`${target.name}\` is inside the delegated zone \`${rec.owner}\` but has no glue; add its A/AAAA records here`
          : `name server \`${target.name}\` is inside this zone but has no A/AAAA record; add one, or nobody can reach it`,
      });
    }
  },
};
