import type { Rule } from '../../rule.ts';
import { quote, quoteSpan } from '../../tag-list/message.ts';
import { cappedReport } from '../../tag-list/report.ts';
import type { TlsRptTxtContext } from '../context.ts';

export const ruaUnencoded: Rule<TlsRptTxtContext> = {
  code: 'tlsrpt-txt/rua-unencoded',
  kind: 'tlsrpt-txt',
  severity: 'error',
  rfc: 'RFC 8460 §3',
  summary: '`!` and `,` inside a `rua` URI are percent-encoded (`%21`, `%2C`), since `,` separates URIs.',
  fixable: true,
  check(ctx, report) {
    const { rua } = ctx.record;
    const { report: emit, full } = cappedReport(report);
    let uriStart = 0;
    for (const entry of rua) {
      if (full()) return;
      if (entry.kind !== 'continuation') uriStart = entry.span.start;
      if (entry.kind === 'continuation' && entry.comma) {
        // The URI as meant: from the entry with the scheme to the end of this piece.
        const whole = quoteSpan(ctx.text, { start: uriStart, end: entry.span.end }, 50);
        emit({
          range: entry.comma,
          message: `\`,\` inside ${whole}: a \`,\` separates \`rua\` URIs, so senders read ${quote(entry.text, 30)} as a separate, broken URI (RFC 8460 §3); encode the comma as \`%2C\``,
          fixes: [{ title: 'Encode the `,` as `%2C`', edits: [{ range: entry.comma, newText: '%2C' }], isPreferred: true }],
        });
        continue;
      }
      if (entry.kind !== 'uri' && entry.kind !== 'address') continue;
      const first = entry.text.indexOf('!');
      if (first < 0) continue;
      const edits = [];
      for (let j = first; j >= 0; j = entry.text.indexOf('!', j + 1)) {
        edits.push({ range: { start: entry.span.start + j, end: entry.span.start + j + 1 }, newText: '%21' });
      }
      emit({
        range: { start: entry.span.start + first, end: entry.span.start + first + 1 },
        message: `\`!\` in ${quote(entry.text, 50)}: RFC 8460 §3 requires \`!\` inside a \`rua\` URI to be percent-encoded; write \`%21\``,
        fixes: [{ title: 'Encode `!` as `%21`', edits, isPreferred: true }],
      });
    }
  },
};
