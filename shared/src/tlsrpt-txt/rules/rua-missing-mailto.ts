import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import { cappedReport } from '../../tag-list/report.ts';
import type { TlsRptTxtContext } from '../context.ts';

export const ruaMissingMailto: Rule<TlsRptTxtContext> = {
  code: 'tlsrpt-txt/rua-missing-mailto',
  kind: 'tlsrpt-txt',
  severity: 'error',
  rfc: 'RFC 8460 §3',
  summary: 'An e-mail destination in `rua` is a `mailto:` URI, not a bare address.',
  fixable: true,
  check(ctx, report) {
    const { report: emit, full } = cappedReport(report);
    for (const entry of ctx.record.rua) {
      if (full()) return;
      if (entry.kind !== 'address') continue;
      emit({
        range: entry.span,
        message: `${quote(entry.text)} is an address, not a URI: \`rua\` takes URIs, so senders cannot use it (RFC 8460 §3); write ${quote(`mailto:${entry.text}`)}`,
        fixes: [
          {
            title: `Write ${quote(`mailto:${entry.text}`)}`,
            edits: [{ range: { start: entry.span.start, end: entry.span.start }, newText: 'mailto:' }],
            isPreferred: true,
          },
        ],
      });
    }
  },
};
