import type { Fix } from '../../diagnostic.ts';
import type { Rule } from '../../rule.ts';
import type { JsonNode } from '../json.ts';
import type { ReportContext } from '../context.ts';
import { jsonKindOf, visitSchemaFields, type FieldType } from '../schema.ts';

const EXPECTED: Readonly<Record<FieldType, string>> = {
  string: 'a string',
  'date-time': 'a string (an RFC 3339 date-time)',
  ip: 'a string (an IP address)',
  count: 'a number',
  'string-list': 'a list of strings',
  'object-list': 'a list of objects',
  object: 'an object',
};

const A: Readonly<Record<JsonNode['kind'], string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
  array: 'a list',
  object: 'an object',
};

export const wrongType: Rule<ReportContext> = {
  code: 'report/wrong-type',
  kind: 'report',
  severity: 'error',
  rfc: 'RFC 8460 §4.4',
  summary: 'Each field has the JSON type the RFC gives it: strings, counts as numbers, lists of strings or objects.',
  fixable: true,
  check(ctx, report) {
    const root = ctx.json.root;
    if (root !== null && root.kind !== 'object') {
      report({ range: { start: root.start, end: root.end }, message: `a report is a JSON object, found ${A[root.kind]}` });
      return;
    }
    visitSchemaFields(root, (field, m) => {
      const v = m.value;
      if (v.kind !== jsonKindOf(field.type)) {
        const fixes: Fix[] = [];
        if (field.type === 'count' && v.kind === 'string' && /^(?:0|[1-9]\d{0,14})$/.test(v.value)) {
          fixes.push({ title: `Write ${v.value} as a number`, edits: [{ range: { start: v.start, end: v.end }, newText: v.value }], isPreferred: true });
        }
        report({ range: { start: v.start, end: v.end }, message: `\`${m.key}\` must be ${EXPECTED[field.type]}, found ${A[v.kind]}`, fixes });
        return;
      }
      if (v.kind !== 'array') return;
      const want = field.type === 'string-list' ? 'string' : 'object';
      for (const item of v.items) {
        if (item.kind !== want) report({ range: { start: item.start, end: item.end }, message: `each entry of \`${m.key}\` must be ${A[want]}, found ${A[item.kind]}` });
      }
    });
  },
};
