import type { Rule } from '../../rule.ts';
import { checkLength } from '../../tag-list/length.ts';
import type { StsTxtContext } from '../context.ts';

export const tooLong: Rule<StsTxtContext> = {
  code: 'sts-txt/too-long',
  kind: 'sts-txt',
  severity: 'error',
  rfc: 'RFC 1035 §3.3.14',
  summary: 'The value fits in one TXT record: at most 65279 bytes of text.',
  fixable: true,
  check(ctx, report) {
    checkLength(ctx.record.tags, report);
  },
};
