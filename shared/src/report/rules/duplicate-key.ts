import type { Rule } from '../../rule.ts';
import type { JsonNode } from '../json.ts';
import type { ReportContext } from '../context.ts';
import { hasDuplicateKeys } from '../schema.ts';

export const duplicateKey: Rule<ReportContext> = {
  code: 'report/duplicate-key',
  kind: 'report',
  severity: 'warning',
  rfc: 'RFC 8259 §4',
  summary: 'Each key appears once per object; readers disagree on which of two copies counts (most take the last).',
  fixable: false,
  check(ctx, report) {
    const root = ctx.json.root;
    if (root === null) return;
    const stack: JsonNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === 'array') {
        for (const item of node.items) if (item.kind === 'object' || item.kind === 'array') stack.push(item);
      } else if (node.kind === 'object') {
        if (hasDuplicateKeys(node.members)) {
          const last = new Map<string, number>();
          node.members.forEach((m, i) => last.set(m.key, i));
          node.members.forEach((m, i) => {
            if (last.get(m.key) !== i) report({ range: m.keySpan, message: `\`${m.key}\` appears again later in this object; that later value is the one read` });
          });
        }
        for (const m of node.members) if (m.value.kind === 'object' || m.value.kind === 'array') stack.push(m.value);
      }
    }
  },
};
