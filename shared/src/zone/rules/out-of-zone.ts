import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { isInZone } from '../name.ts';
import { nameOf, recordAt } from '../names.ts';
import { ownerIndex } from '../owners.ts';

export const outOfZone: Rule<ZoneContext> = {
  code: 'zone/out-of-zone',
  kind: 'zone',
  severity: 'warning',
  rfc: 'RFC 1034 §4.2',
  summary: 'Every owner name is the apex or below it; servers ignore records outside the zone.',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const apex = zone.apex;
    if (apex === null) return;
    const { first } = ownerIndex(zone);
    const t = zone.names;
    // A name relative to an origin inside the zone is inside it: decide per origin, spell out only the others.
    const originInZone = zone.origins.map((o) => isInZone(o, apex));
    for (let o = 0; o < t.count; o++) {
      if (first[o]! < 0) continue;
      const origin = t.start[o]! >= 0 ? t.origin[o]! : -1;
      if (origin >= 0 && originInZone[origin]) continue;
      const name = nameOf(zone, o);
      if (isInZone(name, apex)) continue;
      const rec = recordAt(zone, first[o]!);
      const tok = rec.ownerTok;
      report({
        range: tok >= 0 ? { start: zone.tokens.start[tok]!, end: zone.tokens.end[tok]! } : { start: rec.start, end: rec.end },
        message: `\`${name}\` is outside the zone \`${apex}\`, so servers ignore it; a relative name needs no trailing dot (\`www\`), an absolute one must end in \`${apex}\``,
      });
    }
  },
};
