import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { isInZone, parentName } from '../name.ts';
import { hasType } from '../owners.ts';
import { mxNsTargetName, mxNsTargets } from '../rdata.ts';
import { nameOf } from '../names.ts';
import { RR } from '../rr-types.ts';

const ADDRESS = [RR.A, RR.AAAA];

export const missingGlue: Rule<ZoneContext> = {
  code: 'zone/missing-glue',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 9471 §2',
  summary: 'A name server inside this zone needs A/AAAA records (glue, when it lies below the delegation it serves); one below another delegation does not.',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const apex = zone.apex;
    if (apex === null) return;
    const targets = mxNsTargets(zone);
    const cuts = new Set<string>();
    /** The owner of row `k`'s record (NS records only: few). */
    const ownerOf = (k: number) => nameOf(zone, zone.records.owner[targets.index[k]!]!);
    for (let k = 0; k < targets.count; k++) {
      if (targets.type[k] !== RR.NS) continue;
      const owner = ownerOf(k);
      if (owner !== apex) cuts.add(owner);
    }
    /** The delegation `name` is at or below, or null when it is the zone's own data. */
    const cutOf = (name: string): string | null => {
      for (let n: string | null = name; n !== null && n !== apex; n = parentName(n)) if (cuts.has(n)) return n;
      return null;
    };
    /** An address for `name`: its own A/AAAA, or a wildcard's above it (RFC 1034 §4.3.3). */
    const hasAddress = (name: string): boolean => {
      if (hasType(zone, name, ADDRESS)) return true;
      for (let n = parentName(name); n !== null && isInZone(n, apex); n = parentName(n)) if (hasType(zone, n === '.' ? '*.' : `*.${n}`, ADDRESS)) return true;
      return false;
    };
    for (let k = 0; k < targets.count; k++) {
      if (targets.type[k] !== RR.NS) continue;
      const name = mxNsTargetName(zone, targets, k);
      if (!isInZone(name, apex) || hasAddress(name)) continue;
      const cut = cutOf(name);
      // Only in-domain servers need glue (RFC 9471): one below another delegation is that zone's business.
      if (cut !== null && cut !== ownerOf(k)) continue;
      const tok = targets.tok[k]!;
      report({
        range: { start: zone.tokens.start[tok]!, end: zone.tokens.end[tok]! },
        message: cut !== null
          ? `name server \`${name}\` is inside the delegated zone \`${cut}\` but has no glue; add its A/AAAA records here`
          : `name server \`${name}\` is a name of this zone but has no A/AAAA record; add one, or nobody can reach it`,
      });
    }
  },
};
