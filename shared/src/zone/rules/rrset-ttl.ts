import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { recordAt } from '../names.ts';
import { eachSet, multiRecordSets } from '../rrsets.ts';
import { typeName } from '../rr-types.ts';

export const rrsetTtl: Rule<ZoneContext> = {
  code: 'zone/rrset-ttl',
  kind: 'zone',
  severity: 'warning',
  rfc: 'RFC 2181 §5.2',
  summary: 'All records of one RRset (same name, class and type) have the same TTL.',
  fixable: true,
  check(ctx, report) {
    const { zone } = ctx;
    const tk = zone.tokens;
    const ttls = zone.records.ttl;
    let found = 0;
    for (const set of eachSet(multiRecordSets(zone))) {
      const head = recordAt(zone, set[0]!);
      for (const i of set) {
        if (ttls[i] === head.ttl || ttls[i]! < 0 || head.ttl < 0) continue;
        // Findings past 10 000 are dropped anyway (lint-zone caps each code).
        if (++found > 10_000) return;
        const rec = recordAt(zone, i);
        let fixes;
        if (rec.source === 0) {
          const edit = rec.ttlTok >= 0
            ? { range: { start: tk.start[rec.ttlTok]!, end: tk.end[rec.ttlTok]! }, newText: String(head.ttl) }
            : { range: { start: tk.start[rec.clsTok >= 0 ? rec.clsTok : rec.typeTok]!, end: tk.start[rec.clsTok >= 0 ? rec.clsTok : rec.typeTok]! }, newText: `${head.ttl} ` };
          fixes = [{ title: `Use the RRset's TTL ${head.ttl}`, edits: [edit], isPreferred: true }];
        }
        report({
          range: rec.ttlTok >= 0 ? { start: tk.start[rec.ttlTok]!, end: tk.end[rec.ttlTok]! } : { start: rec.start, end: rec.end },
          message: `TTL ${rec.ttl} differs from ${head.ttl} of the other ${typeName(rec.type)} records of \`${rec.owner}\`; servers use one TTL for the whole set, so make them equal`,
          ...(fixes ? { fixes } : {}),
        });
      }
    }
  },
};
