import type { Fix } from '../../diagnostic.ts';
import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import { cappedReport } from '../../tag-list/report.ts';
import type { TlsRptTxtContext } from '../context.ts';
import { removeRuaEntryEdit, RUA_SCHEMES } from '../rua.ts';

export const ruaScheme: Rule<TlsRptTxtContext> = {
  code: 'tlsrpt-txt/rua-scheme',
  kind: 'tlsrpt-txt',
  severity: 'error',
  rfc: 'RFC 8460 §3',
  summary: 'Every `rua` URI uses the `mailto:` or `https:` scheme; senders deliver reports by no other.',
  fixable: true,
  check(ctx, report) {
    const { report: emit, full } = cappedReport(report);
    const { rua } = ctx.record;
    const others = rua.filter((e) => e.kind !== 'empty').length > 1;
    for (let i = 0; i < rua.length && !full(); i++) {
      const entry = rua[i]!;
      if (entry.kind !== 'uri' || entry.scheme === null || RUA_SCHEMES.includes(entry.scheme)) continue;
      const scheme = { start: entry.span.start, end: entry.span.start + entry.scheme.length };
      const remove: Fix = { title: `Remove ${quote(entry.text, 40)} from \`rua\``, edits: [removeRuaEntryEdit(rua, i)] };
      if (entry.scheme === 'http') {
        const fixed = `https${entry.text.slice(4)}`;
        emit({
          range: scheme,
          message: `${quote(entry.text, 40)}: reports are posted over \`https:\` only, never plain \`http:\` (RFC 8460 §3); use ${quote(fixed, 40)}`,
          fixes: [{ title: 'Use `https:`', edits: [{ range: scheme, newText: 'https' }], isPreferred: true }, ...(others ? [remove] : [])],
        });
        continue;
      }
      emit({
        range: entry.span,
        message: `${quote(entry.text, 40)}: senders deliver reports only to \`mailto:\` and \`https:\` URIs, not \`${entry.scheme}:\` (RFC 8460 §3); use one of those`,
        fixes: others ? [remove] : [],
      });
    }
  },
};
