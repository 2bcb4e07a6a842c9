import type { Rule } from '../../rule.ts';
import type { ReportContext } from '../context.ts';
import { visitSchemaFields } from '../schema.ts';

export const countInvalid: Rule<ReportContext> = {
  code: 'report/count-invalid',
  kind: 'report',
  severity: 'error',
  rfc: 'RFC 8460 §4.4',
  summary: 'Session counts are whole numbers, 0 or more, written without a fraction or exponent.',
  fixable: false,
  check(ctx, report) {
    visitSchemaFields(ctx.json.root, (field, m) => {
      const v = m.value;
      if (field.type !== 'count' || v.kind !== 'number') return;
      const raw = ctx.text.slice(v.start, v.end);
      if (/^(?:0|[1-9]\d*)$/.test(raw) && Number.isSafeInteger(v.value)) return;
      const why = raw.startsWith('-') ? 'a count cannot be negative' : !Number.isSafeInteger(v.value) && /^\d+$/.test(raw) ? 'it is too large to count exactly' : 'a count is a whole number';
      report({ range: { start: v.start, end: v.end }, message: `\`${m.key}\` is \`${raw}\`: ${why}; write a whole number of sessions, 0 or more` });
    });
  },
};
