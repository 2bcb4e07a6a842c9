import type { Report } from '../rule.ts';
import type { TagDialect } from './dialect.ts';
import { removeFieldEdit } from './edit.ts';
import { hasFieldSyntaxProblem } from './field-syntax.ts';
import { isExtName } from './grammar.ts';
import { quote } from './message.ts';
import { nearMiss } from './near-miss.ts';
import type { TagField, TagList } from './parse.ts';
import { MAX_FINDINGS } from './report.ts';

/**
 * Fields that misspell a defined field the record lacks (`ID=` with no `id`), by that field's name; one per
 * name, the first. Their rename is the way out, so the "missing field" checks stay quiet about those names.
 */
export function misspeltFields(list: TagList, versionField: TagField | null, dialect: TagDialect): ReadonlyMap<string, TagField> {
  const present = new Set<string>();
  for (const f of list.fields) if (dialect.fields.includes(f.nameText)) present.add(f.nameText);
  const out = new Map<string, TagField>();
  for (const f of list.fields) {
    if (f === versionField || !f.eq || !isExtName(f.nameText) || f.nameText === 'v') continue;
    if (dialect.fields.includes(f.nameText)) continue;
    const target = nearMiss(f.nameText, dialect.fields);
    if (target && !present.has(target) && !out.has(target)) out.set(target, f);
  }
  return out;
}

/** Report well-formed fields the RFC does not define: a hint (senders ignore them), an error when misspelt. */
export function checkUnknownFields(list: TagList, versionField: TagField | null, dialect: TagDialect, report: Report): void {
  const misspelt = misspeltFields(list, versionField, dialect);
  let count = 0;
  for (const f of list.fields) {
    if (count >= MAX_FINDINGS) return;
    if (f === versionField || !f.eq || !isExtName(f.nameText)) continue;
    if (f.nameText === 'v' || dialect.fields.includes(f.nameText)) continue;
    // A field outside the grammar is reported as such; that it is also unknown adds nothing.
    if (hasFieldSyntaxProblem(f, dialect)) continue;
    count++;
    const remove = { title: `Remove \`${f.nameText}\``, edits: [removeFieldEdit(list, f)] };
    const target = nearMiss(f.nameText, dialect.fields);
    if (target && misspelt.get(target) === f) {
      const caseOnly = f.nameText.toLowerCase() === target;
      report({
        range: f.name,
        severity: 'error',
        message: caseOnly
          ? `${quote(f.nameText)} is not \`${target}\`: field names are case-sensitive, so senders ignore it and find no \`${target}\`; rename it to \`${target}\``
          : `unknown field ${quote(f.nameText)}, probably a misspelt \`${target}\`: senders ignore it and find no \`${target}\`; rename it to \`${target}\``,
        fixes: [
          { title: `Rename \`${f.nameText}\` to \`${target}\``, edits: [{ range: f.name, newText: target }], isPreferred: true },
          remove,
        ],
      });
      continue;
    }
    const lower = f.nameText.toLowerCase();
    const caseVariant = lower === 'v' || dialect.fields.includes(lower);
    report({
      range: f.name,
      message: caseVariant
        ? `${quote(f.nameText)} is not \`${lower}\` (field names are case-sensitive): senders ignore it`
        : `unknown field ${quote(f.nameText)}: senders ignore it${noteFor(f.nameText, target, dialect)}`,
      fixes: [remove],
    });
  }
}

// Why the field is likely there, if the dialect knows, else a near miss that is already set.
function noteFor(name: string, target: string | null, dialect: TagDialect): string {
  const note = Object.hasOwn(dialect.notes, name) ? dialect.notes[name] : undefined;
  if (note) return `; ${note}`;
  return target ? ` (\`${target}\` is already set)` : '';
}
