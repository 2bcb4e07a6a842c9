import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { recordAt, recordsOfType } from '../names.ts';
import { className, RR } from '../rr-types.ts';

export const classMismatch: Rule<ZoneContext> = {
  code: 'zone/class-mismatch',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 1035 §5.1',
  summary: "Every record of a zone has the zone's class (that of its SOA, usually IN).",
  fixable: true,
  check(ctx, report) {
    const { zone } = ctx;
    const { cls, count } = zone.records;
    if (count === 0) return;
    const soa = recordsOfType(zone, RR.SOA)[0];
    const zoneClass = soa ? soa.cls : cls[0]!;
    for (let i = 0; i < count; i++) {
      if (cls[i] === zoneClass) continue;
      const rec = recordAt(zone, i);
      const range = rec.clsTok >= 0 ? { start: zone.tokens.start[rec.clsTok]!, end: zone.tokens.end[rec.clsTok]! } : { start: rec.start, end: rec.end };
      report({
        range,
        message: `class ${className(rec.cls)} in a zone of class ${className(zoneClass)}; servers refuse the zone: write ${className(zoneClass)}`,
        fixes: rec.clsTok >= 0 && rec.source === 0 ? [{ title: `Use class ${className(zoneClass)}`, edits: [{ range, newText: className(zoneClass) }], isPreferred: true }] : [],
      });
    }
  },
};
