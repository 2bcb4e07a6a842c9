import { clock } from '../../lint-options.ts';
import type { Rule } from '../../rule.ts';
import { appendFieldEdit } from '../../tag-list/edit.ts';
import { misspeltFields } from '../../tag-list/unknown.ts';
import { freshId } from '../../text/fresh-id.ts';
import type { StsTxtContext } from '../context.ts';
import { stsDialect } from '../dialect.ts';

export const idMissing: Rule<StsTxtContext> = {
  code: 'sts-txt/id-missing',
  kind: 'sts-txt',
  severity: 'error',
  rfc: 'RFC 8461 §3.1',
  summary: 'The record has an `id` field, which senders compare to know when the policy changed.',
  fixable: true,
  check(ctx, report) {
    const { tags, versionField } = ctx.record;
    // An empty record gets its id from the version fix; a bare `id` or a misspelt `ID=` is reported by the
    // rule whose fix restores it.
    if (tags.fields.length === 0) return;
    if (tags.fields.some((f) => f !== versionField && f.nameText === 'id')) return;
    if (misspeltFields(tags, versionField, stsDialect).has('id')) return;
    const id = freshId(clock(ctx.options));
    const edit = appendFieldEdit(tags, `id=${id}`);
    report({
      range: { start: tags.leading.start, end: tags.fields[tags.fields.length - 1]!.span.end },
      message: 'the record has no `id`: senders need it to notice a policy change, and a record without one is invalid (RFC 8461 §3.1); add `id=` with 1 to 32 letters and digits, such as the current UTC time',
      fixes: [{ title: `Add \`id=${id}\``, edits: [edit], isPreferred: true }],
    });
  },
};
