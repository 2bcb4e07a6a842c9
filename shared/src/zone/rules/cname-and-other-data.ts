import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { typeIndexes } from '../carried.ts';
import { recordAt } from '../names.ts';
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
    const cnames = typeIndexes(zone, RR.CNAME);
    if (cnames.length === 0) return;
    const { first, next } = ownerIndex(zone);
    const { type, owner } = zone.records;
    // Column reads only: a record object and the set of other types are made for the few names that break the rule.
    for (const c of cnames) {
      let firstCname = -1;
      let other = false;
      for (let i = first[owner[c]!]!; i >= 0; i = next[i]!) {
        const t = type[i]!;
        if (t === RR.CNAME) {
          if (firstCname < 0) firstCname = i;
        } else if (!ALLOWED.has(t)) {
          other = true;
        }
      }
      if (firstCname === c && !other) continue;
      const rec = recordAt(zone, c);
      const range = { start: rec.start, end: rec.end };
      if (firstCname !== c) {
        report({ range, message: `\`${rec.owner}\` has more than one CNAME; a name is an alias of one target only, so keep one` });
        continue;
      }
      const others = new Set<string>();
      for (let i = first[owner[c]!]!; i >= 0; i = next[i]!) if (type[i] !== RR.CNAME && !ALLOWED.has(type[i]!)) others.add(typeName(type[i]!));
      report({ range, message: `\`${rec.owner}\` has a CNAME and also ${[...others].join(', ')} data; resolvers follow the CNAME and ignore the rest: move the other records to the target or replace the CNAME with them` });
    }
  },
};
