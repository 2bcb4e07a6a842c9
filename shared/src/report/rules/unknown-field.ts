import type { Rule } from '../../rule.ts';
import { nearMiss } from '../../tag-list/near-miss.ts';
import type { ReportContext } from '../context.ts';
import { fieldOf, visitSchemaObjects } from '../schema.ts';

/**
 * Names from the drafts before RFC 8460 and common misspellings that edit distance does not catch, with the field
 * the RFC names: some senders still write them.
 */
const FORMER_NAMES: Readonly<Record<string, string>> = {
  'failure-error-code': 'failure-reason-code',
  'failure-reason': 'failure-reason-code',
  'additional-info-uri': 'additional-information',
  'additional-info': 'additional-information',
  'receiving-mx-host-name': 'receiving-mx-hostname',
  'receiving-mx-host': 'receiving-mx-hostname',
  'sending-mta-ip-address': 'sending-mta-ip',
  'receiving-ip-address': 'receiving-ip',
  'failed-sessions-count': 'failed-session-count',
  'organisation-name': 'organization-name',
};

export const unknownField: Rule<ReportContext> = {
  code: 'report/unknown-field',
  kind: 'report',
  severity: 'info',
  rfc: 'RFC 8460 §4.4',
  summary: 'Fields the RFC does not define are ignored; one that looks like a misspelt field (`policy_type`, `Report-Id`) is a warning.',
  fixable: true,
  check(ctx, report) {
    visitSchemaObjects(ctx.json.root, (o) => {
      for (const m of o.node.members) {
        if (fieldOf(o.schema, m.key)) continue;
        const names = Object.keys(o.schema.fields);
        const present = new Set(o.node.members.map((x) => x.key));
        const dashed = m.key.replace(/_/g, '-');
        const former = FORMER_NAMES[dashed.toLowerCase()];
        const meant = nearMiss(dashed, names) ?? (names.includes(dashed) ? dashed : null) ?? (former !== undefined && names.includes(former) ? former : null);
        if (meant && !present.has(meant)) {
          report({
            range: m.keySpan,
            severity: 'warning',
            message: `\`${m.key}\` is not a field of ${o.schema.name.replace(/^this /, 'a ')}; did you mean \`${meant}\`? As written it is ignored`,
            fixes: [{ title: `Rename to \`${meant}\``, edits: [{ range: m.keySpan, newText: JSON.stringify(meant) }], isPreferred: true }],
          });
        } else {
          report({ range: m.keySpan, message: `\`${m.key}\` is not a field RFC 8460 defines here; it is ignored` });
        }
      }
    });
  },
};
