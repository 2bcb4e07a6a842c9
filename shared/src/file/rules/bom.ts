import type { Rule } from '../../rule.ts';
import type { FileContext } from '../context.ts';

export const bom: Rule<FileContext> = {
  code: 'file/bom',
  kind: 'file',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'A byte-order mark at the start becomes part of the first key or tag, which senders then do not recognise.',
  fixable: true,
  check(ctx, report) {
    if (ctx.text.charCodeAt(0) !== 0xfeff) return;
    const first = ctx.kind === 'policy' ? 'the first key reads `\\uFEFFversion`, so `version` is lost' : ctx.kind === 'zone' ? 'zone parsers read it as part of the first owner name' : 'the record no longer begins with its version tag';
    report({
      range: { start: 0, end: 1 },
      message: `the file starts with a byte-order mark (BOM): ${first}; save it as UTF-8 without BOM`,
      fixes: [{ title: 'Remove the byte-order mark', edits: [{ range: { start: 0, end: 1 }, newText: '' }], isPreferred: true }],
    });
  },
};
