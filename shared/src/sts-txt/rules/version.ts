import type { Rule } from '../../rule.ts';
import { checkVersion } from '../../tag-list/version.ts';
import type { StsTxtContext } from '../context.ts';
import { stsDialect } from '../dialect.ts';

export const version: Rule<StsTxtContext> = {
  code: 'sts-txt/version',
  kind: 'sts-txt',
  severity: 'error',
  rfc: 'RFC 8461 §3.1',
  summary: 'The record begins with exactly `v=STSv1`; senders ignore records that do not.',
  fixable: true,
  check(ctx, report) {
    checkVersion(ctx.record.tags, ctx.record.versionField, stsDialect, ctx.options, report);
  },
};
