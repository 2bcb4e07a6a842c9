import type { Rule } from '../../rule.ts';
import { appendFieldEdit } from '../../tag-list/edit.ts';
import { misspeltFields } from '../../tag-list/unknown.ts';
import type { TlsRptTxtContext } from '../context.ts';
import { placeholderRua, tlsRptDialect } from '../dialect.ts';

export const ruaMissing: Rule<TlsRptTxtContext> = {
  code: 'tlsrpt-txt/rua-missing',
  kind: 'tlsrpt-txt',
  severity: 'error',
  rfc: 'RFC 8460 §3',
  summary: 'The record has a `rua` field naming where reports go.',
  fixable: true,
  check(ctx, report) {
    const { tags, versionField } = ctx.record;
    // An empty record gets its rua from the version fix; a bare `rua` or a misspelt `RUA=` is reported by
    // the rule whose fix restores it.
    if (tags.fields.length === 0) return;
    if (tags.fields.some((f) => f !== versionField && f.nameText === 'rua')) return;
    if (misspeltFields(tags, versionField, tlsRptDialect).has('rua')) return;
    const field = `rua=${placeholderRua(ctx.options)}`;
    report({
      range: { start: tags.leading.start, end: tags.fields[tags.fields.length - 1]!.span.end },
      message: 'the record has no `rua`: it is required and tells senders where to send reports (RFC 8460 §3); add `rua=` with a `mailto:` or `https:` URI',
      fixes: [{ title: `Add \`${field}\` (then change the address to your reports mailbox)`, edits: [appendFieldEdit(tags, field)] }],
    });
  },
};
