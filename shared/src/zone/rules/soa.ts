import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { recordAt, recordsOfType } from '../names.ts';
import { entryOfToken, removeRecordEdits } from '../edit-helpers.ts';
import { canonicalRdata, targetName } from '../rdata.ts';
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
    let firstData = '';
    for (const rec of recordsOfType(zone, RR.SOA)) {
      if (first < 0) {
        first = rec.index;
        firstData = `${rec.owner} ${canonicalRdata(zone, rec)}`;
        if (zone.apex !== null && rec.owner !== zone.apex) {
          report({ range: { start: rec.start, end: rec.end }, message: `the SOA record is at \`${rec.owner}\`, not at the zone apex \`${zone.apex}\`; put it at \`@\`` });
        }
        continue;
      }
      // An identical copy is the same record (RFC 2181 §5): zone/duplicate-record warns about it.
      if (`${rec.owner} ${canonicalRdata(zone, rec)}` === firstData) continue;
      const edits = removeRecordEdits(zone, rec);
      report({
        range: { start: rec.start, end: rec.end },
        message: 'a second SOA record; a zone has exactly one, so remove this one',
        fixes: edits ? [{ title: 'Remove the extra SOA record', edits, isPreferred: true }] : [],
      });
    }
    // A `(` never closed swallows the rest of the file, the SOA perhaps with it: zone/unbalanced-paren says so.
    if (first < 0 && !zone.problems.some((p) => p.code === 'unbalanced-paren')) {
      const r = zone.records.count > 0 ? recordAt(zone, 0) : null;
      // The SOA goes before the first record of the file (or at its end), naming the apex name server when there is one.
      const at = r && r.source === 0 ? zone.entries.start[entryOfToken(zone, zone.records.firstTok[r.index]!)]! : zone.text.length;
      const ns = recordsOfType(zone, RR.NS).find((n) => n.owner === zone.apex);
      const primary = ns ? (targetName(zone, ns)?.name ?? 'ns1') : 'ns1';
      const eol = zone.text.includes('\r\n') ? '\r\n' : '\n';
      const lead = at > 0 && !/[\r\n]$/.test(zone.text.slice(0, at)) ? eol : '';
      const soaText = `${lead}@ IN SOA ${primary} hostmaster 1 7200 3600 1209600 300${eol}`;
      report({
        range: r ? { start: r.start, end: r.end } : { start: 0, end: Math.min(zone.text.length, Math.max(0, zone.text.search(/\r?\n|$/))) },
        message: 'the zone has no SOA record, so servers refuse to load it; add one at the apex (a file that is only `$INCLUDE`d can turn this rule off in its config)',
        fixes: [{ title: 'Add an SOA record at the apex', edits: [{ range: { start: at, end: at }, newText: soaText }], isPreferred: true }],
      });
    }
  },
};
