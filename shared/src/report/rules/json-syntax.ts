import type { Rule } from '../../rule.ts';
import type { ReportContext } from '../context.ts';

export const jsonSyntax: Rule<ReportContext> = {
  code: 'report/json-syntax',
  kind: 'report',
  severity: 'error',
  rfc: 'RFC 8460 §4.4',
  summary: 'A report is one JSON object (RFC 8259); text that is not JSON, or nested absurdly deep, cannot be read.',
  fixable: false,
  check(ctx, report) {
    const e = ctx.json.error;
    if (e) report({ range: e.range, message: `not valid JSON: ${e.message}` });
  },
};
