import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { mailTxtRecords, STS_PREFIX } from '../mail-records.ts';
import { isInZone } from '../name.ts';
import { hasType } from '../owners.ts';
import { RR } from '../rr-types.ts';

export const stsWithoutPolicyHost: Rule<ZoneContext> = {
  code: 'zone/sts-without-policy-host',
  kind: 'zone',
  severity: 'warning',
  rfc: 'RFC 8461 §3.3',
  summary: 'An `_mta-sts` record needs the `mta-sts` host that serves the policy over HTTPS.',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const done = new Set<string>();
    for (const rec of mailTxtRecords(zone).sts) {
      if (done.has(rec.owner)) continue;
      done.add(rec.owner);
      const domain = rec.owner.slice(STS_PREFIX.length);
      const host = `mta-sts.${domain}`;
      // A host outside this zone (or delegated away) may well exist: only a name this zone answers for counts.
      if (zone.apex === null || !isInZone(host, zone.apex)) continue;
      if (hasType(zone, host, [RR.A, RR.AAAA, RR.CNAME, RR.NS])) continue;
      const shown = host.slice(0, -1);
      report({
        range: { start: rec.start, end: rec.end },
        message: `there is no \`${shown}\` host (A, AAAA or CNAME) in the zone, so senders cannot fetch the policy from \`https://${shown}/.well-known/mta-sts.txt\`; add it`,
      });
    }
  },
};
