import type { Span } from '../diagnostic.ts';
import type { LintOptions } from '../lint-options.ts';
import type { Report } from '../rule.ts';
import type { TagDialect } from './dialect.ts';
import { removeFieldEdit } from './edit.ts';
import { quote, quoteSpan } from './message.ts';
import type { TagField, TagList } from './parse.ts';

/**
 * The field meant as the version tag: the first named `v` or `version` in any case, or a first field that is
 * a bare version (`STSv1;` without `v=`). Null when there is none.
 */
export function findVersionField(list: TagList): TagField | null {
  for (const f of list.fields) {
    const lower = f.nameText.toLowerCase();
    if (lower === 'v' || lower === 'version') return f;
    if (f === list.fields[0] && !f.eq && !f.value && /^(sts|tlsrpt)v\d+$/i.test(f.nameText)) return f;
  }
  return null;
}

/** Whether the record begins with exactly `v=<version>` (a leading BOM aside), as senders require. */
export function beginsWithVersion(list: TagList, field: TagField | null, version: string): boolean {
  return (
    field !== null &&
    field.index === 0 &&
    list.leading.start === list.leading.end &&
    field.nameText === 'v' &&
    field.eq !== null &&
    field.eq.start === field.name.end &&
    field.value !== null &&
    field.value.start === field.eq.end &&
    field.valueText === version
  );
}

/** Report a version tag that is missing, misplaced or misspelt, with a fix that puts exactly `v=<version>` first. */
export function checkVersion(
  list: TagList,
  field: TagField | null,
  dialect: TagDialect,
  options: LintOptions,
  report: Report,
): void {
  if (beginsWithVersion(list, field, dialect.version)) return;
  const expected = `v=${dialect.version}`;
  const start = list.leading.start;
  const first = list.fields[0];
  const ignored = `senders ignore a \`${dialect.owner}\` record that does not begin with exactly \`${expected}\` (${dialect.rfc})`;

  if (!first) {
    const skeleton = dialect.skeleton(options);
    const range: Span = { start, end: list.end };
    report({
      range,
      message: `the record is empty; a minimal \`${dialect.owner}\` record is \`${skeleton}\``,
      fixes: [
        {
          title: `Write \`${skeleton}\`${dialect.skeletonNote}`,
          edits: [{ range, newText: skeleton }],
          isPreferred: dialect.skeletonNote === '',
        },
      ],
    });
    return;
  }

  // Whatever precedes the first field (whitespace, stray separators) goes with the insertion.
  const head: Span = { start, end: first.span.start };
  if (!field) {
    report({
      range: first.span,
      message: `the record does not begin with \`${expected}\`, so senders ignore it (${dialect.rfc}); add \`${expected};\` at the start`,
      fixes: [
        { title: `Insert \`${expected};\` at the start`, edits: [{ range: head, newText: `${expected}; ` }], isPreferred: true },
      ],
    });
    return;
  }

  if (field !== first) {
    report({
      range: field.span,
      message: `${quoteSpan(list.text, field.span)} must be the first field: ${ignored}; move it to the start`,
      fixes: [
        {
          title: `Move \`${expected}\` to the start`,
          edits: [{ range: head, newText: `${expected}; ` }, removeFieldEdit(list, field)],
          isPreferred: true,
        },
      ],
    });
    return;
  }

  const range: Span = { start, end: field.span.end };
  const onlyHead = field.span.end - field.span.start === expected.length && list.text.startsWith(expected, field.span.start);
  report({
    range,
    message: `${versionProblem(list, field, head, dialect)}; ${ignored}; ${onlyHead ? 'remove it' : `write \`${expected}\``}`,
    fixes: [
      {
        title: onlyHead ? `Remove what precedes \`${expected}\`` : `Replace with \`${expected}\``,
        edits: [{ range, newText: expected }],
        isPreferred: true,
      },
    ],
  });
}

// What is wrong with a version field that is first but not exactly `v=<version>`, preceded or not by junk.
function versionProblem(list: TagList, field: TagField, head: Span, dialect: TagDialect): string {
  const expected = `v=${dialect.version}`;
  const problem = fieldProblem(list, field, dialect);
  if (head.end === head.start) return problem ?? `the record does not begin with \`${expected}\``;
  const junk = list.text.slice(head.start, Math.min(head.end, head.start + 200));
  const begins = /^[ \t\r\n]*$/.test(junk)
    ? `the record begins with whitespace before \`${expected}\``
    : `the record begins with ${quote(junk.trim())} before \`${expected}\``;
  return problem ? `${begins}, and ${problem}` : begins;
}

// What is wrong with the version field itself, or null when it is exactly `v=<version>`.
function fieldProblem(list: TagList, field: TagField, dialect: TagDialect): string | null {
  const written = quoteSpan(list.text, field.span);
  const lowerName = field.nameText.toLowerCase();
  if (!field.eq && lowerName !== 'v' && lowerName !== 'version') return `${written} lacks \`v=\``;
  if (lowerName === 'version') return `${written}: the version tag is \`v\`, not \`${field.nameText}\``;
  if (field.nameText !== 'v') return `${written}: the tag name is case-sensitive and must be \`v\``;
  if (!field.eq) return `${written}: the version tag needs \`=\``;
  const value = field.valueText;
  if (field.eq.start !== field.name.end || (field.value && field.value.start !== field.eq.end && value !== '')) {
    return `${written}: no whitespace is allowed around \`=\` in the version tag`;
  }
  if (value === dialect.version) return null;
  if (value === '') return `${written}: the version is missing`;
  if (value.toLowerCase() === dialect.version.toLowerCase()) return `${written}: the version is case-sensitive`;
  if (value.toLowerCase() === dialect.other.version.toLowerCase()) {
    return `${written} begins ${article(dialect.other.name)} ${dialect.other.name} record (\`${dialect.other.owner}\`), not ${article(dialect.name)} ${dialect.name} one`;
  }
  return `${written}: the only version is \`${dialect.version}\``;
}

// `an MTA-STS`, `a TLS-RPT`: by the sound of the first letter as spelt out.
function article(acronym: string): string {
  return /^[AEFHILMNORSX]/.test(acronym) ? 'an' : 'a';
}
