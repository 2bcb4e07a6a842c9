import type { Rule } from '../../rule.ts';
import { formatIpv6, isIpv4, parseIpv6 } from '../address.ts';
import type { ZoneContext } from '../context.ts';
import { recordsOfType } from '../names.ts';
import { canonicalRdata, mxNsTargetName, mxNsTargets } from '../rdata.ts';
import { RR, typeName } from '../rr-types.ts';
import { tokenText } from '../source-text.ts';

export const targetIsAddress: Rule<ZoneContext> = {
  code: 'zone/target-is-address',
  kind: 'zone',
  severity: 'warning',
  rfc: 'RFC 1035 §3.3.9',
  summary: 'An MX exchange or NS host is a host name; one written like an IP address is read as a name, rarely the one meant.',
  fixable: true,
  check(ctx, report) {
    const { zone } = ctx;
    let byAddress: Map<string, string> | null = null;
    const targets = mxNsTargets(zone);
    for (let k = 0; k < targets.count; k++) {
      // Only a target that starts with a digit or holds a colon can be an address.
      if (targets.maybeAddress[k] === 0) continue;
      const tok = targets.tok[k]!;
      const target = { name: mxNsTargetName(zone, targets, k), type: targets.type[k]! };
      const raw = tokenText(zone, tok).replace(/\.$/, '');
      const v6 = parseIpv6(raw);
      if (!isIpv4(raw) && !v6) continue;
      if (byAddress === null) {
        byAddress = new Map();
        for (const r of recordsOfType(zone, RR.A, RR.AAAA)) {
          {
            const key = canonicalRdata(zone, r);
            if (!byAddress.has(key)) byAddress.set(key, r.owner);
          }
        }
      }
      const host = byAddress.get(v6 ? formatIpv6(v6) : raw);
      const range = { start: zone.tokens.start[tok]!, end: zone.tokens.end[tok]! };
      // A name that only looks like an address and has addresses of its own is a name, as BIND reads it.
      if (host === target.name) {
        report({ range, message: `${typeName(target.type)} target \`${raw}\` looks like an IP address but is read as the name \`${target.name}\`, which has address records here; rename the host to avoid the confusion` });
        continue;
      }
      report({
        range,
        message: `${typeName(target.type)} target \`${raw}\` is an IP address, read as the name \`${target.name}\`; it must be a host name with an A/AAAA record${host ? `, such as \`${host}\`` : ': add one and name it here'}`,
        fixes: host && zone.records.source[targets.index[k]!] === 0 ? [{ title: `Use \`${host}\``, edits: [{ range, newText: host }], isPreferred: true }] : [],
      });
    }
  },
};
