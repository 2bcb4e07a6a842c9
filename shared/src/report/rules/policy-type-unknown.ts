import type { Rule } from '../../rule.ts';
import { nearMiss } from '../../tag-list/near-miss.ts';
import type { ReportContext } from '../context.ts';
import { POLICY_TYPES } from '../result-types.ts';
import { visitSchemaFields } from '../schema.ts';

export const policyTypeUnknown: Rule<ReportContext> = {
  code: 'report/policy-type-unknown',
  kind: 'report',
  severity: 'error',
  rfc: 'RFC 8460 §4.4',
  summary: '`policy-type` is `sts`, `tlsa` or `no-policy-found`.',
  fixable: true,
  check(ctx, report) {
    visitSchemaFields(ctx.json.root, (_field, m) => {
      const v = m.value;
      if (m.key !== 'policy-type' || v.kind !== 'string' || POLICY_TYPES.includes(v.value)) return;
      const meant = nearMiss(v.value, POLICY_TYPES);
      report({
        range: { start: v.start, end: v.end },
        message: `\`policy-type\` \`${v.value}\` is not one of ${POLICY_TYPES.map((t) => `\`${t}\``).join(', ')}${meant ? `; did you mean \`${meant}\`?` : ''}`,
        fixes: meant ? [{ title: `Change to \`${meant}\``, edits: [{ range: { start: v.start, end: v.end }, newText: JSON.stringify(meant) }], isPreferred: true }] : [],
      });
    });
  },
};
