import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import { cappedReport } from '../../tag-list/report.ts';
import type { TlsRptTxtContext } from '../context.ts';
import { removeRuaEntryEdit, RUA_SCHEMES, ruaUriProblem } from '../rua.ts';

export const ruaInvalid: Rule<TlsRptTxtContext> = {
  code: 'tlsrpt-txt/rua-invalid',
  kind: 'tlsrpt-txt',
  severity: 'error',
  rfc: 'RFC 8460 §3',
  summary: 'Every `rua` entry is a well-formed `mailto:` address or `https:` URL.',
  // The only fix drops the broken URI when another remains; the right address is the user's to write.
  fixable: true,
  check(ctx, report) {
    const { report: emit, full } = cappedReport(report);
    const { rua } = ctx.record;
    const others = rua.filter((e) => e.kind !== 'empty').length > 1;
    for (let i = 0; i < rua.length && !full(); i++) {
      const entry = rua[i]!;
      let problem: string | null = null;
      if (entry.kind === 'other') {
        problem = 'it is not a URI; a report destination is `mailto:local@domain` or `https://host/path`';
      } else if (entry.kind === 'uri' && entry.scheme !== null && RUA_SCHEMES.includes(entry.scheme)) {
        problem = ruaUriProblem(entry);
      }
      if (!problem) continue;
      emit({
        range: entry.span,
        message: `${quote(entry.text, 50)} is not a valid report destination: ${problem}; senders cannot deliver to it (RFC 8460 §3)`,
        fixes: others ? [{ title: `Remove ${quote(entry.text, 40)} from \`rua\``, edits: [removeRuaEntryEdit(rua, i)] }] : [],
      });
    }
  },
};
