import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { recordsAt } from '../owners.ts';
import { mxNsTargetName, mxNsTargets } from '../rdata.ts';
import { RR } from '../rr-types.ts';

export const danePresent: Rule<ZoneContext> = {
  code: 'zone/dane-present',
  kind: 'zone',
  severity: 'info',
  rfc: 'RFC 8461 §2',
  summary: 'A TLSA record on an MX host means DANE; senders that validate DANE use it instead of MTA-STS.',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const done = new Set<string>();
    if (!zone.records.type.includes(RR.TLSA)) return;
    const targets = mxNsTargets(zone);
    for (let k = 0; k < targets.count; k++) {
      if (targets.type[k] !== RR.MX) continue;
      const name = mxNsTargetName(zone, targets, k);
      const owner = `_25._tcp.${name}`;
      if (done.has(owner)) continue;
      done.add(owner);
      const tlsa = recordsAt(zone, owner).find((r) => r.type === RR.TLSA);
      if (!tlsa) continue;
      report({
        range: { start: tlsa.start, end: tlsa.end },
        message: `MX host \`${name}\` publishes DANE (TLSA); senders that validate DNSSEC and DANE use it and ignore MTA-STS (RFC 8461 §2), so keep both in step`,
      });
    }
  },
};
