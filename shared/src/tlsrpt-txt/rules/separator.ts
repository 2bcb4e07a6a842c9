import type { Rule } from '../../rule.ts';
import { checkSeparators } from '../../tag-list/separator.ts';
import type { TlsRptTxtContext } from '../context.ts';
import { tlsRptDialect } from '../dialect.ts';

export const separator: Rule<TlsRptTxtContext> = {
  code: 'tlsrpt-txt/separator',
  kind: 'tlsrpt-txt',
  severity: 'error',
  rfc: 'RFC 8460 §3',
  summary: 'Fields are separated by `;` with optional spaces after it (not `,`, not whitespace alone, no empty fields, no spaces around `=`).',
  fixable: true,
  check(ctx, report) {
    checkSeparators(ctx.record.tags, ctx.record.versionField, tlsRptDialect, report);
  },
};
