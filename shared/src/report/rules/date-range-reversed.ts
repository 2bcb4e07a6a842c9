import type { Rule } from '../../rule.ts';
import type { ReportContext } from '../context.ts';
import { parseDateTime } from '../datetime.ts';
import { memberValue } from '../json.ts';
import { visitSchemaObjects } from '../schema.ts';

export const dateRangeReversed: Rule<ReportContext> = {
  code: 'report/date-range-reversed',
  kind: 'report',
  severity: 'error',
  rfc: 'RFC 8460 §4.4',
  summary: 'The date range ends after it starts.',
  fixable: false,
  check(ctx, report) {
    visitSchemaObjects(ctx.json.root, (o) => {
      if (o.schema.name !== '`date-range`') return;
      const s = memberValue(o.node, 'start-datetime');
      const e = memberValue(o.node, 'end-datetime');
      if (s?.kind !== 'string' || e?.kind !== 'string') return;
      const start = parseDateTime(s.value, { assumeUtc: true });
      const end = parseDateTime(e.value, { assumeUtc: true });
      if (start === null || end === null || end > start) return;
      report({
        range: { start: e.start, end: e.end },
        message: `\`end-datetime\` ${e.value} is ${end === start ? 'the same time as' : 'before'} \`start-datetime\` ${s.value}; a report covers the period from start to end`,
      });
    });
  },
};
