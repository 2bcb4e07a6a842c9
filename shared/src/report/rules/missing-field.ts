import type { Rule } from '../../rule.ts';
import type { ReportContext } from '../context.ts';
import { hasMember, visitSchemaObjects } from '../schema.ts';

export const missingField: Rule<ReportContext> = {
  code: 'report/missing-field',
  kind: 'report',
  severity: 'error',
  rfc: 'RFC 8460 §4.4',
  summary: 'Every field the RFC requires is present: organization-name, date-range, contact-info, report-id, policies, and in each policy its type, domain, summary counts and failure-detail counts.',
  fixable: false,
  check(ctx, report) {
    visitSchemaObjects(ctx.json.root, (o) => {
      const missing: string[] = [];
      for (const key in o.schema.fields) if (o.schema.fields[key]!.required && !hasMember(o.node, key)) missing.push(`\`${key}\``);
      if (missing.length === 0) return;
      const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
      report({ range: o.anchor, message: `${o.schema.name} has no ${list}; RFC 8460 §4.4 requires ${missing.length === 1 ? 'it' : 'them'}` });
    });
  },
};
