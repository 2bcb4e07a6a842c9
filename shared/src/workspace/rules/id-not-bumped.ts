import { clock } from '../../lint-options.ts';
import type { Rule } from '../../rule.ts';
import { freshId } from '../../text/fresh-id.ts';
import { baselineKey, type WorkspaceContext } from '../context.ts';

export const idNotBumped: Rule<WorkspaceContext> = {
  code: 'workspace/id-not-bumped',
  kind: 'workspace',
  severity: 'warning',
  rfc: 'RFC 8461 §3.1',
  summary: 'When the policy changes, the `_mta-sts` id must change too, or senders that cached the old policy keep it until its max_age runs out.',
  fixable: true,
  check(ctx, report) {
    if (ctx.kind !== 'zone' || ctx.baselines.size === 0) return;
    for (const sts of ctx.stsIds) {
      if (sts.path !== ctx.path) continue;
      const before = ctx.baselines.get(baselineKey(sts.domain, sts.id));
      const policy = ctx.policies.find((p) => p.domain === sts.domain);
      if (before === undefined || !policy || policy.content === before) continue;
      const id = freshId(clock(ctx.options));
      report({
        range: sts.range,
        message: `the policy in \`${policy.path}\` changed while the \`_mta-sts\` id of \`${sts.domain}\` stayed \`${sts.id}\`: senders that cached the old policy keep using it until its max_age runs out; change the id (e.g. to \`${id}\`) when you publish the new policy`,
        fixes: id === sts.id ? [] : [{ title: `Bump the _mta-sts id to ${id}`, edits: [{ range: sts.range, newText: id }] }],
      });
    }
  },
};
