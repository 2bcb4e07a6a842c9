import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { isInZone, parentName } from '../name.ts';
import { hasType } from '../owners.ts';
import { mxNsTargets, type MxNsTarget } from '../rdata.ts';
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
    /** The owner of a target's record (NS records only: few). */
    const ownerOf = (t: MxNsTarget) => nameOf(zone, zone.records.owner[t.index]!);
    for (const t of targets) if (t.type === RR.NS && ownerOf(t) !== apex) cuts.add(ownerOf(t));
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
    for (const target of targets) {
      if (target.type !== RR.NS || !isInZone(target.name, apex) || hasAddress(target.name)) continue;
      const cut = cutOf(target.name);
      // Only in-domain servers need glue (RFC 9471): one below another delegation is that zone's business.
      if (cut !== null && cut !== ownerOf(target)) continue;
      report({
        range: { start: zone.tokens.start[target.tok]!, end: zone.tokens.end[target.tok]! },
        message: cut !== null
          ? `name server \`${target.name}\` is inside the delegated zone \`${cut}\` but has no glue; add its A/AAAA records here`
          : `name server \`${target.name}\` is a name of this zone but has no A/AAAA record; add one, or nobody can reach it`,
      });
    }
  },
};
