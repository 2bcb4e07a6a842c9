import type { Rule } from '../../rule.ts';
import { checkSeparators } from '../../tag-list/separator.ts';
import type { StsTxtContext } from '../context.ts';
import { stsDialect } from '../dialect.ts';

export const separator: Rule<StsTxtContext> = {
  code: 'sts-txt/separator',
  kind: 'sts-txt',
  severity: 'error',
  rfc: 'RFC 8461 §3.1',
  summary: 'Fields are separated by `;` with optional spaces after it (not `,`, not whitespace alone, no empty fields, no spaces around `=`).',
  fixable: true,
  check(ctx, report) {
    checkSeparators(ctx.record.tags, ctx.record.versionField, stsDialect, report);
  },
};
