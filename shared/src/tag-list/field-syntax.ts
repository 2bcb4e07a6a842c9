import type { Fix } from '../diagnostic.ts';
import type { Report } from '../rule.ts';
import type { TagDialect } from './dialect.ts';
import { removeFieldEdit } from './edit.ts';
import { badExtValueChar, isExtName } from './grammar.ts';
import { describeChar, quote, quoteSpan } from './message.ts';
import type { TagField, TagList } from './parse.ts';
import { MAX_FINDINGS } from './report.ts';

/**
 * Report fields that are not `name=value` (no `=`, no name) and extension fields whose name or value is
 * outside the grammar. The version field and the values of the kind's own fields (`id`, `rua`) are left to
 * their rules.
 */
export function checkFieldSyntax(list: TagList, versionField: TagField | null, dialect: TagDialect, report: Report): void {
  let count = 0;
  for (const f of list.fields) {
    if (count >= MAX_FINDINGS) return;
    if (f === versionField || !hasFieldSyntaxProblem(f, dialect)) continue;
    const problem = fieldProblem(list, f, dialect);
    if (!problem) continue;
    count++;
    const remove: Fix = { title: `Remove ${quoteSpan(list.text, f.span, 40)}`, edits: [removeFieldEdit(list, f)] };
    report({
      range: problem.range ?? f.span,
      message: `${problem.message}; ${dialect.invalidConsequence}; ${problem.wayOut}`,
      fixes: problem.fix ? [problem.fix, remove] : [remove],
    });
  }
}

interface FieldProblem {
  readonly message: string;
  readonly wayOut: string;
  readonly range?: { readonly start: number; readonly end: number };
  readonly fix?: Fix;
}

/** Whether `checkFieldSyntax` reports this field (so other checks can leave it alone). Cheap: no messages. */
export function hasFieldSyntaxProblem(f: TagField, dialect: TagDialect): boolean {
  if (f.name.start === f.name.end || !f.eq) return true;
  if (f.nameText === 'v' || dialect.fields.includes(f.nameText)) return false;
  return !isExtName(f.nameText) || f.valueText === '' || badExtValueChar(f.valueText) >= 0;
}

function fieldProblem(list: TagList, f: TagField, dialect: TagDialect): FieldProblem | null {
  const written = quoteSpan(list.text, f.span, 40);
  if (f.name.start === f.name.end) {
    return { message: `${written} has no name before \`=\``, wayOut: 'name it or remove it' };
  }
  if (!f.eq) {
    if (f.value) {
      const fixed = `${f.nameText}=${f.valueText.slice(0, 40)}`;
      return {
        message: `${written} has no \`=\` (a field is \`name=value\`)`,
        wayOut: `write ${quote(fixed, 40)}`,
        fix: {
          title: `Write ${quote(fixed, 40)}`,
          edits: [{ range: { start: f.name.end, end: f.value.start }, newText: '=' }],
          isPreferred: true,
        },
      };
    }
    return { message: `${written} is not a \`name=value\` field`, wayOut: 'complete it or remove it' };
  }
  // `v` and the kind's own fields are judged by their rules, wherever they appear.
  if (f.nameText === 'v' || dialect.fields.includes(f.nameText)) return null;
  if (!isExtName(f.nameText)) {
    return {
      message: `field name ${quote(f.nameText, 40)} is outside the grammar (a letter or digit, then up to 31 letters, digits, \`_\`, \`-\` or \`.\`)`,
      range: f.name,
      wayOut: 'rename or remove the field',
    };
  }
  if (f.valueText === '') {
    return { message: `\`${f.nameText}\` has an empty value`, range: f.span, wayOut: 'give it a value or remove the field' };
  }
  const bad = badExtValueChar(f.valueText);
  if (bad >= 0) {
    const at = f.value!.start + bad;
    const ch = String.fromCodePoint(f.valueText.codePointAt(bad) ?? 0);
    return {
      message: `the value of \`${f.nameText}\` contains ${describeChar(ch)}, outside the grammar (printable ASCII except space, \`=\` and \`;\`)`,
      range: { start: at, end: at + ch.length },
      wayOut: 'remove the field or change its value',
    };
  }
  return null;
}
