import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { removeRecordEdits } from '../edit-helpers.ts';
import { recordAt } from '../names.ts';
import { canonicalRdata } from '../rdata.ts';
import { eachSet, multiRecordSets } from '../rrsets.ts';
import { typeName } from '../rr-types.ts';
import { zoneSlice } from '../source-text.ts';

/** Findings past this many are dropped anyway (lint-zone caps each code), so stop looking. */
const MAX_FINDINGS = 10_000;

export const duplicateRecord: Rule<ZoneContext> = {
  code: 'zone/duplicate-record',
  kind: 'zone',
  severity: 'warning',
  rfc: 'RFC 2181 §5',
  summary: 'The same record twice is kept once by servers; the copy is noise or a mistake.',
  fixable: true,
  check(ctx, report) {
    const { zone } = ctx;
    const { rdata, rdataEnd, origin } = zone.records;
    let found = 0;
    for (const set of eachSet(multiRecordSets(zone))) {
      // The RDATA as written (with its origin) finds most copies; the canonical form the rest (`mail` vs `mail.example.com.`).
      const written = new Set<string>();
      const canonical = new Set<string>();
      for (const i of set) {
        const raw = `${origin[i]}\u0000${zoneSlice(zone, zone.tokens.start[rdata[i]!]!, zone.tokens.end[rdataEnd[i]! - 1]!)}`;
        let duplicate = written.has(raw);
        const rec = recordAt(zone, i);
        let key = '';
        if (!duplicate) {
          written.add(raw);
          key = canonicalRdata(zone, rec);
          duplicate = canonical.has(key);
          canonical.add(key);
        }
        if (!duplicate) continue;
        if (key === '') key = canonicalRdata(zone, rec);
        const edits = removeRecordEdits(zone, rec);
        report({
          range: { start: rec.start, end: rec.end },
          message: `duplicate ${typeName(rec.type)} record for \`${rec.owner}\` (\`${key.length > 60 ? key.slice(0, 60) + '…' : key}\`); remove the copy`,
          fixes: edits ? [{ title: 'Remove the duplicate record', edits, isPreferred: true }] : [],
        });
        if (++found >= MAX_FINDINGS) return;
      }
    }
  },
};
