import type { Rule } from '../../rule.ts';
import { cappedReport } from '../../tag-list/report.ts';
import type { TlsRptTxtContext } from '../context.ts';
import { placeholderRua } from '../dialect.ts';
import { removeRuaEntryEdit } from '../rua.ts';

export const ruaEmpty: Rule<TlsRptTxtContext> = {
  code: 'tlsrpt-txt/rua-empty',
  kind: 'tlsrpt-txt',
  severity: 'error',
  rfc: 'RFC 8460 §3',
  summary: '`rua` holds at least one URI, and no empty entries between commas.',
  fixable: true,
  check(ctx, report) {
    const { report: emit, full } = cappedReport(report);
    const { ruaField: field, rua } = ctx.record;
    if (!field?.value) return;
    if (rua.every((e) => e.kind === 'empty')) {
      const uri = placeholderRua(ctx.options);
      emit({
        range: field.span,
        message: '`rua` is empty: it needs at least one `mailto:` or `https:` URI, or senders have nowhere to send reports (RFC 8460 §3); add one',
        fixes: [{ title: `Set \`rua=${uri}\` (then change the address to your reports mailbox)`, edits: [{ range: field.value, newText: uri }] }],
      });
      return;
    }
    for (let i = 0; i < rua.length && !full(); i++) {
      const entry = rua[i]!;
      if (entry.kind !== 'empty') continue;
      const comma = entry.comma ?? rua[i + 1]?.comma ?? entry.span;
      emit({
        range: comma,
        message: 'an empty entry in `rua` (two commas in a row, or a comma at the start or end): the grammar has a URI on each side of every `,` (RFC 8460 §3); remove the extra `,`',
        fixes: [{ title: 'Remove the extra `,`', edits: [removeRuaEntryEdit(rua, i)], isPreferred: true }],
      });
    }
  },
};
