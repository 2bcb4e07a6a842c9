import type { Rule } from '../../rule.ts';
import { checkUnknownFields } from '../../tag-list/unknown.ts';
import type { StsTxtContext } from '../context.ts';
import { stsDialect } from '../dialect.ts';

export const unknownField: Rule<StsTxtContext> = {
  code: 'sts-txt/unknown-field',
  kind: 'sts-txt',
  severity: 'hint',
  rfc: 'RFC 8461 §3.1',
  summary: 'Fields other than `v` and `id` are ignored by senders; a misspelt `id` (`ID=`, `ids=`) is an error.',
  fixable: true,
  check(ctx, report) {
    checkUnknownFields(ctx.record.tags, ctx.record.versionField, stsDialect, report);
  },
};
