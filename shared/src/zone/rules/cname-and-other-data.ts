import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { recordsOfType } from '../names.ts';
import { ownerIndex } from '../owners.ts';
import { RR, typeName } from '../rr-types.ts';

// DNSSEC records may sit beside a CNAME (RFC 4035 §2.5).
const ALLOWED = new Set([46, 47, 50]);

export const cnameAndOtherData: Rule<ZoneContext> = {
  code: 'zone/cname-and-other-data',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 2181 §10.1',
  summary: 'A name with a CNAME has no other data (and one CNAME only).',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const { first, next } = ownerIndex(zone);
    for (const rec of recordsOfType(zone, RR.CNAME)) {
      const others = new Set<string>();
      let cnames = 0;
      let isFirst = false;
      for (let i = first[rec.ownerId]!; i >= 0; i = next[i]!) {
        const type = zone.records.type[i]!;
        if (type === RR.CNAME) {
          if (cnames++ === 0) isFirst = i === rec.index;
        } else if (!ALLOWED.has(type)) {
          others.add(typeName(type));
        }
      }
      const range = { start: rec.start, end: rec.end };
      if (!isFirst) {
        report({ range, message: `\`${rec.owner}\` has more than one CNAME; a name is an alias of one target only, so keep one` });
      } else if (others.size > 0) {
        report({ range, message: `\`${rec.owner}\` has a CNAME and also ${[...others].join(', ')} data; resolvers follow the CNAME and ignore the rest: move the other records to the target or replace the CNAME with them` });
      }
    }
  },
};
