import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';
import { insertLines } from '../line-edits.ts';
import { hasNearMiss } from '../parse.ts';
import { documentStart } from '../where.ts';

export const modeMissing: Rule<PolicyContext> = {
  code: 'policy/mode-missing',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'The policy must have a `mode:` line (`enforce`, `testing` or `none`).',
  fixable: true,
  check(ctx, report) {
    const { policy } = ctx;
    if (policy.fields.mode || hasNearMiss(policy, 'mode')) return;
    const version = policy.fields.version ?? policy.nearMisses.version[0] ?? null;
    report({
      range: version ? { start: version.indent.end, end: version.trailing.start } : documentStart(policy),
      message: 'no `mode:` line: senders reject a policy without it; add `mode: testing` to get failure reports without blocking mail, and switch to `enforce` once they are clean',
      fixes: [
        {
          title: 'Insert `mode: testing` (reports TLS failures without blocking mail)',
          edits: [insertLines(policy, version, ['mode: testing'])],
          isPreferred: true,
        },
      ],
    });
  },
};
