import type { Rule } from '../../rule.ts';
import type { ReportContext } from '../context.ts';
import { parseDateTime } from '../datetime.ts';
import { visitSchemaFields } from '../schema.ts';

export const dateInvalid: Rule<ReportContext> = {
  code: 'report/date-invalid',
  kind: 'report',
  severity: 'error',
  rfc: 'RFC 8460 §4.4',
  summary: '`start-datetime` and `end-datetime` are RFC 3339 date-times with an offset, e.g. `2026-01-01T00:00:00Z`.',
  fixable: false,
  check(ctx, report) {
    visitSchemaFields(ctx.json.root, (field, m) => {
      const v = m.value;
      if (field.type !== 'date-time' || v.kind !== 'string' || parseDateTime(v.value) !== null) return;
      report({ range: { start: v.start, end: v.end }, message: `\`${m.key}\` \`${v.value}\` is not an RFC 3339 date-time; write e.g. \`2026-01-01T00:00:00Z\` (date, \`T\`, time, and \`Z\` or an offset)` });
    });
  },
};
