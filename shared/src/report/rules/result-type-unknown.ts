import type { Rule } from '../../rule.ts';
import { nearMiss } from '../../tag-list/near-miss.ts';
import type { ReportContext } from '../context.ts';
import { resultTypeNames } from '../result-types.ts';
import { visitSchemaFields } from '../schema.ts';

export const resultTypeUnknown: Rule<ReportContext> = {
  code: 'report/result-type-unknown',
  kind: 'report',
  severity: 'warning',
  rfc: 'RFC 8460 §4.3',
  summary: '`result-type` is one of the result types of RFC 8460 §4.3 (the IANA registry); another value is counted but not explained.',
  fixable: true,
  check(ctx, report) {
    visitSchemaFields(ctx.json.root, (_field, m) => {
      const v = m.value;
      if (m.key !== 'result-type' || v.kind !== 'string' || resultTypeNames.includes(v.value)) return;
      const meant = nearMiss(v.value, resultTypeNames);
      report({
        range: { start: v.start, end: v.end },
        message: meant
          ? `\`result-type\` \`${v.value}\` is not a registered result type; did you mean \`${meant}\`?`
          : `\`result-type\` \`${v.value}\` is not a registered result type (RFC 8460 §4.3: ${resultTypeNames.join(', ')})`,
        fixes: meant ? [{ title: `Change to \`${meant}\``, edits: [{ range: { start: v.start, end: v.end }, newText: JSON.stringify(meant) }], isPreferred: true }] : [],
      });
    });
  },
};
