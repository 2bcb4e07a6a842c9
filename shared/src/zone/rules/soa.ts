import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { removeRecordEdits } from '../edit-helpers.ts';
import { recordAt, recordsOfType } from '../names.ts';
import { RR } from '../rr-types.ts';

export const soa: Rule<ZoneContext> = {
  code: 'zone/soa',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 1035 §5.2',
  summary: 'A zone has exactly one SOA record, at its apex.',
  fixable: true,
  check(ctx, report) {
    const { zone } = ctx;
    let first = -1;
    for (const rec of recordsOfType(zone, RR.SOA)) {
      if (first < 0) {
        first = rec.index;
        if (zone.apex !== null && rec.owner !== zone.apex) {
          report({ range: { start: rec.start, end: rec.end }, message: `the SOA record is at \`${rec.owner}\`, not at the zone apex \`${zone.apex}\`; put it at \`@\`` });
        }
        continue;
      }
      const edits = removeRecordEdits(zone, rec);
      report({
        range: { start: rec.start, end: rec.end },
        message: 'a second SOA record; a zone has exactly one, so remove this one',
        fixes: edits ? [{ title: 'Remove the extra SOA record', edits, isPreferred: true }] : [],
      });
    }
    if (first < 0 && zone.records.count > 0) {
      const r = recordAt(zone, 0);
      report({
        range: { start: r.start, end: r.end },
        severity: 'warning',
        message: 'the zone has no SOA record, so servers refuse to load it; add one at the apex (ignore this for a file that is only `$INCLUDE`d)',
      });
    }
  },
};
