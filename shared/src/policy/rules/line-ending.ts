import type { TextEdit } from '../../diagnostic.ts';
import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';

export const lineEnding: Rule<PolicyContext> = {
  code: 'policy/line-ending',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'Lines must end with LF or CRLF; senders do not split lines at a lone CR.',
  fixable: true,
  check(ctx, report) {
    if (!ctx.policy.shapes.loneCr) return;
    const edits: TextEdit[] = [];
    for (const line of ctx.policy.notable) {
      if (line.eolKind === '\r' && line.eol) edits.push({ range: line.eol, newText: '\n' });
    }
    const first = edits[0];
    if (!first) return;
    const count = edits.length === 1 ? 'a line' : `${edits.length} lines`;
    report({
      range: first.range,
      message: `a lone CR (carriage return) ends ${count}: senders split lines only at LF or CRLF, so they read the policy as one long line; use LF line endings`,
      fixes: [{ title: 'Convert lone CR line endings to LF', edits, isPreferred: true }],
    });
  },
};
