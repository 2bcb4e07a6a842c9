import type { Rule } from '../../rule.ts';
import type { ReportContext } from '../context.ts';
import { memberValue } from '../json.ts';
import { visitSchemaObjects } from '../schema.ts';

export const failureCountMismatch: Rule<ReportContext> = {
  code: 'report/failure-count-mismatch',
  kind: 'report',
  severity: 'warning',
  rfc: 'RFC 8460 §4.4',
  summary: 'The failed sessions of the failure details add up to no more than `total-failure-session-count`, and failures come with details.',
  fixable: false,
  check(ctx, report) {
    visitSchemaObjects(ctx.json.root, (o) => {
      if (o.schema.name !== 'this `policies` entry') return;
      const summary = memberValue(o.node, 'summary');
      const total = summary?.kind === 'object' ? memberValue(summary, 'total-failure-session-count') : undefined;
      if (total?.kind !== 'number' || !Number.isSafeInteger(total.value) || total.value < 0) return;
      const details = memberValue(o.node, 'failure-details');
      let sum = 0;
      if (details?.kind === 'array') {
        for (const d of details.items) {
          const c = d.kind === 'object' ? memberValue(d, 'failed-session-count') : undefined;
          if (c?.kind === 'number' && Number.isSafeInteger(c.value) && c.value > 0) sum += c.value;
        }
      }
      if (sum > total.value) {
        report({
          range: { start: total.start, end: total.end },
          message: `\`total-failure-session-count\` is ${total.value} but the failure details count ${sum} failed sessions; the total cannot be smaller than its parts`,
        });
      } else if (total.value > 0 && (details === undefined || (details.kind === 'array' && details.items.length === 0))) {
        report({
          range: { start: total.start, end: total.end },
          message: `${total.value} failed sessions but no \`failure-details\`: the report does not say which MX hosts failed or why`,
        });
      }
    });
  },
};
