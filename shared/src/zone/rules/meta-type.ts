import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { recordsWhere } from '../carried.ts';
import type { Zone } from '../model.ts';
import { recordAt } from '../names.ts';
import { isMetaType } from '../rdata-types.ts';
import { typeName } from '../rr-types.ts';

const metaRecords = new WeakMap<Zone, readonly number[]>();

export const metaType: Rule<ZoneContext> = {
  code: 'zone/meta-type',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 6895 §3.1',
  summary: 'Query and meta types (OPT, TKEY, TSIG, IXFR, AXFR, MAILA, MAILB, ANY: 41 and 128-255) exist only in messages, never in zone data.',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const { type, typeTok } = zone.records;
    for (const i of recordsWhere(zone, metaRecords, (i) => isMetaType(type[i]!))) {
      const rec = recordAt(zone, i);
      const t = typeTok[i]!;
      report({
        range: t >= 0 ? { start: zone.tokens.start[t]!, end: zone.tokens.end[t]! } : { start: rec.start, end: rec.end },
        message: `${typeName(type[i]!)} is a query or meta type, which servers refuse in zone data; remove this record`,
      });
    }
  },
};
