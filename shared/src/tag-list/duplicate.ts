import type { Fix } from '../diagnostic.ts';
import type { Report } from '../rule.ts';
import type { TagDialect } from './dialect.ts';
import { removeFieldEdit } from './edit.ts';
import { quote, quoteSpan } from './message.ts';
import type { TagField, TagList } from './parse.ts';
import { MAX_FINDINGS } from './report.ts';

/** Report a `name=value` field whose exact name appeared before: senders use only the first. */
export function checkDuplicates(list: TagList, dialect: TagDialect, report: Report): void {
  const seen = new Map<string, TagField>();
  let count = 0;
  for (const f of list.fields) {
    if (!f.eq || f.name.start === f.name.end) continue;
    const first = seen.get(f.nameText);
    if (!first) {
      seen.set(f.nameText, f);
      continue;
    }
    if (count++ >= MAX_FINDINGS) return;
    const name = f.nameText;
    const firstText = quoteSpan(list.text, first.span, 40);
    const laterText = quoteSpan(list.text, f.span, 40);
    const remove: Fix = { title: `Remove the repeated ${laterText}`, edits: [removeFieldEdit(list, f)] };
    const severity = dialect.duplicateSeverity(first, f);
    if (dialect.listFields.includes(name) && f.valueText !== '' && first.value) {
      report({
        range: f.span,
        severity,
        message: `\`${name}\` appears again: senders use only the first (${firstText}) and ignore ${laterText}; merge the values into the first: ${quote(`${name}=${first.valueText.slice(0, 30)}${first.valueText.length > 30 ? '…' : ''},${f.valueText.slice(0, 30)}`, 70)}`,
        fixes: [
          {
            title: `Merge into the first \`${name}\``,
            edits: [
              first.valueText === ''
                ? { range: first.value, newText: f.valueText }
                : { range: { start: first.value.end, end: first.value.end }, newText: `,${f.valueText}` },
              removeFieldEdit(list, f),
            ],
            isPreferred: true,
          },
          remove,
        ],
      });
      continue;
    }
    const differs = f.valueText !== first.valueText;
    report({
      range: f.span,
      severity,
      message: differs
        ? `\`${name}\` appears again with another value: senders use only the first (${firstText}) and ignore ${laterText}; remove the repeat and keep the value you mean in the first`
        : `\`${name}\` appears twice: senders use only the first; remove the repeat`,
      fixes: [{ ...remove, isPreferred: true }],
    });
  }
}
