import { mxPatternMatches } from '../../mx/match.ts';
import type { Rule } from '../../rule.ts';
import type { WorkspaceContext } from '../context.ts';

export const mxPatternUnused: Rule<WorkspaceContext> = {
  code: 'workspace/mx-pattern-unused',
  kind: 'workspace',
  severity: 'info',
  rfc: 'RFC 8461 §4.1',
  summary: 'A policy `mx:` pattern that matches none of the MX hosts in the zone files is stale or mistyped.',
  fixable: false,
  check(ctx, report) {
    if (ctx.kind !== 'policy') return;
    for (const policy of ctx.policies) {
      if (policy.path !== ctx.path) continue;
      const hosts = ctx.zoneMx.filter((m) => m.domain === policy.domain).map((m) => m.host);
      // Without the domain's MX records in the workspace there is nothing to compare with.
      if (hosts.length === 0) continue;
      for (const m of policy.mx) {
        if (hosts.some((h) => mxPatternMatches(m.pattern, h))) continue;
        report({ range: m.range, message: `\`mx: ${m.pattern}\` matches none of the MX hosts of \`${policy.domain}\` in the zone files (${hosts.slice(0, 5).map((h) => `\`${h}\``).join(', ')}${hosts.length > 5 ? ', …' : ''}); remove it or fix the name` });
      }
    }
  },
};
