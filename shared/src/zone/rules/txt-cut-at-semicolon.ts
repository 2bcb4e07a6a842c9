import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { cutAtSemicolon, mailTxtRecords } from '../mail-records.ts';

export const txtCutAtSemicolon: Rule<ZoneContext> = {
  code: 'zone/txt-cut-at-semicolon',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 1035 §5.1',
  summary: 'An unquoted `_mta-sts` or `_smtp._tls` TXT value ends at the first `;`, which starts a comment; quote the value.',
  fixable: true,
  check(ctx, report) {
    const { sts, tlsrpt } = mailTxtRecords(ctx.zone);
    for (const rec of [...sts, ...tlsrpt]) {
      const cut = cutAtSemicolon(ctx.zone, rec);
      if (!cut) continue;
      const kept = ctx.zone.text.slice(cut.range.start, cut.range.end).split(';')[0]!.trim();
      report({
        range: cut.range,
        message: `unquoted TXT value is cut at \`;\`: the rest of the line is a comment, so the record is just \`${kept}\`; put the whole value in double quotes`,
        fixes: rec.source === 0 ? [{ title: 'Quote the whole value', edits: [{ range: cut.range, newText: cut.quoted }], isPreferred: true }] : [],
      });
    }
  },
};
