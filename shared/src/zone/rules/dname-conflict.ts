import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { typeIndexes } from '../carried.ts';
import { isInZone } from '../name.ts';
import { nameOf, recordAt } from '../names.ts';
import { ownerIndex } from '../owners.ts';
import { RR, typeName } from '../rr-types.ts';

export const dnameConflict: Rule<ZoneContext> = {
  code: 'zone/dname-conflict',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 6672 §2.4',
  summary: 'A name has at most one DNAME, and no records exist below a DNAME: they can never be reached.',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const { owner } = zone.records;
    const found = typeIndexes(zone, RR.DNAME);
    if (found.length === 0) return;
    const { first, next } = ownerIndex(zone);
    const dnames = new Map<number, string>();
    for (const i of found) {
      const o = owner[i]!;
      if (dnames.has(o)) {
        const rec = recordAt(zone, i);
        report({ range: { start: rec.start, end: rec.end }, message: `\`${rec.owner}\` has more than one DNAME; a name redirects its subtree to one target only, so keep one` });
        continue;
      }
      dnames.set(o, nameOf(zone, o));
    }
    if (dnames.size === 0) return;
    const targets = [...dnames.values()];
    for (let o = 0; o < zone.names.count; o++) {
      if (first[o]! < 0 || dnames.has(o)) continue;
      const name = nameOf(zone, o);
      const above = targets.find((d) => name !== d && isInZone(name, d));
      if (above === undefined) continue;
      for (let i = first[o]!; i >= 0; i = next[i]!) {
        const rec = recordAt(zone, i);
        report({ range: { start: rec.start, end: rec.end }, message: `${typeName(rec.type)} record at \`${rec.owner}\` is below the DNAME at \`${above}\`, which redirects every name under it; move the record to the DNAME's target or remove it` });
      }
    }
  },
};
