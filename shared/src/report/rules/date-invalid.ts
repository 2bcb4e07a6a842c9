import type { Rule } from '../../rule.ts';
import type { ReportContext } from '../context.ts';
import { lacksOffset, parseDateTime } from '../datetime.ts';
import { visitSchemaFields } from '../schema.ts';

export const dateInvalid: Rule<ReportContext> = {
  code: 'report/date-invalid',
  kind: 'report',
  severity: 'error',
  rfc: 'RFC 8460 §4.4',
  summary: '`start-datetime` and `end-datetime` are RFC 3339 date-times with an offset, e.g. `2026-01-01T00:00:00Z`; one without an offset (as Microsoft writes them) is a warning and is read as UTC.',
  fixable: true,
  check(ctx, report) {
    visitSchemaFields(ctx.json.root, (field, m) => {
      const v = m.value;
      if (field.type !== 'date-time' || v.kind !== 'string' || parseDateTime(v.value) !== null) return;
      const range = { start: v.start, end: v.end };
      if (lacksOffset(v.value)) {
        report({
          range,
          severity: 'warning',
          message: `\`${m.key}\` \`${v.value}\` has no offset (RFC 3339 requires \`Z\` or \`+hh:mm\`); it is read as UTC, which the sender most likely means; a report writer should append \`Z\``,
          fixes: [{ title: `Append \`Z\` (UTC)`, edits: [{ range: { start: v.end - 1, end: v.end - 1 }, newText: 'Z' }], isPreferred: true }],
        });
        return;
      }
      report({ range, message: `\`${m.key}\` \`${v.value}\` is not an RFC 3339 date-time; write e.g. \`2026-01-01T00:00:00Z\` (date, \`T\`, time, and \`Z\` or an offset)` });
    });
  },
};
