import type { Rule } from '../../rule.ts';
import type { ReportContext } from '../context.ts';
import { member } from '../json.ts';

export const policiesEmpty: Rule<ReportContext> = {
  code: 'report/policies-empty',
  kind: 'report',
  severity: 'warning',
  rfc: 'RFC 8460 §4.4',
  summary: 'A report has at least one `policies` entry; an empty list reports no sessions at all.',
  fixable: false,
  check(ctx, report) {
    const root = ctx.json.root;
    if (root?.kind !== 'object') return;
    const m = member(root, 'policies');
    if (m?.value.kind === 'array' && m.value.items.length === 0) {
      report({ range: m.keySpan, message: '`policies` is empty: the report counts no sessions, successful or failed' });
    }
  },
};
