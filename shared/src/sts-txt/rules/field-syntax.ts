import type { Rule } from '../../rule.ts';
import { checkFieldSyntax } from '../../tag-list/field-syntax.ts';
import type { StsTxtContext } from '../context.ts';
import { stsDialect } from '../dialect.ts';

export const fieldSyntax: Rule<StsTxtContext> = {
  code: 'sts-txt/field-syntax',
  kind: 'sts-txt',
  severity: 'error',
  rfc: 'RFC 8461 §3.1',
  summary: 'Every field is `name=value` with a name and value inside the grammar; senders treat a record outside it as no policy.',
  fixable: true,
  check(ctx, report) {
    checkFieldSyntax(ctx.record.tags, ctx.record.versionField, stsDialect, report);
  },
};
