import type { Rule } from '../../rule.ts';
import { checkDuplicates } from '../../tag-list/duplicate.ts';
import type { StsTxtContext } from '../context.ts';
import { stsDialect } from '../dialect.ts';

export const duplicateField: Rule<StsTxtContext> = {
  code: 'sts-txt/duplicate-field',
  kind: 'sts-txt',
  severity: 'warning',
  rfc: 'RFC 8461 §3.1',
  summary: 'Each field appears once; senders use only the first occurrence.',
  fixable: true,
  check(ctx, report) {
    checkDuplicates(ctx.record.tags, stsDialect, report);
  },
};
