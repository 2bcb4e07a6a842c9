import type { Rule } from '../../rule.ts';
import type { FileContext } from '../context.ts';

export const invalidUtf8: Rule<FileContext> = {
  code: 'file/invalid-utf8',
  kind: 'file',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'The file is not valid UTF-8; senders read the policy as UTF-8 text.',
  fixable: false,
  check(ctx, report) {
    if (ctx.invalidUtf8At < 0) return;
    report({
      range: { start: ctx.invalidUtf8At, end: Math.min(ctx.text.length, ctx.invalidUtf8At + 1) },
      message: 'the file is not valid UTF-8 here (is it binary, or saved in another encoding?); save it as UTF-8 text',
    });
  },
};
