import type { Rule } from '../../rule.ts';
import { checkDuplicates } from '../../tag-list/duplicate.ts';
import type { TlsRptTxtContext } from '../context.ts';
import { tlsRptDialect } from '../dialect.ts';

export const duplicateField: Rule<TlsRptTxtContext> = {
  code: 'tlsrpt-txt/duplicate-field',
  kind: 'tlsrpt-txt',
  severity: 'warning',
  rfc: 'RFC 8460 §3',
  summary: 'Each field appears once; senders use only the first occurrence, so a second `rua` gets no reports.',
  fixable: true,
  check(ctx, report) {
    checkDuplicates(ctx.record.tags, tlsRptDialect, report);
  },
};
