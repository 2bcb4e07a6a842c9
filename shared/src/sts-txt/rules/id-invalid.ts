import { clock } from '../../lint-options.ts';
import type { Rule } from '../../rule.ts';
import { isAlnum } from '../../tag-list/grammar.ts';
import { describeChar, quote } from '../../tag-list/message.ts';
import { freshId } from '../../text/fresh-id.ts';
import type { StsTxtContext } from '../context.ts';

export const idInvalid: Rule<StsTxtContext> = {
  code: 'sts-txt/id-invalid',
  kind: 'sts-txt',
  severity: 'error',
  rfc: 'RFC 8461 §3.1',
  summary: 'The `id` is 1 to 32 ASCII letters and digits, nothing else.',
  fixable: true,
  check(ctx, report) {
    const field = ctx.record.idField;
    if (!field || !field.value || isAlnum(field.valueText, 32)) return;
    const value = field.valueText;
    const id = freshId(clock(ctx.options));
    let problem: string;
    if (value === '') {
      problem = 'the `id` is empty';
    } else if (isAlnum(value)) {
      problem = `the \`id\` ${quote(value, 40)} is ${value.length} characters long, more than 32`;
    } else {
      const chars = [...new Set([...value].filter((ch) => !isAlnum(ch)))].slice(0, 4).map(describeChar);
      const list = chars.length > 1 ? `${chars.slice(0, -1).join(', ')} and ${chars[chars.length - 1]}` : chars[0];
      problem = `the \`id\` ${quote(value, 40)} contains ${list}`;
    }
    // An empty value has an empty span; the field is the visible place to point at.
    const range = value === '' ? field.span : field.value;
    report({
      range,
      message: `${problem}: an id is 1 to 32 letters and digits only (letters like \`T\` and digits alone are fine, e.g. \`${id}\`), and senders treat an invalid record as no policy; use a new id`,
      fixes: [{ title: `Replace the id with \`${id}\``, edits: [{ range: field.value, newText: id }], isPreferred: true }],
    });
  },
};
