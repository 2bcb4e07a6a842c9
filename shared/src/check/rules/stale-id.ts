import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';
import { parsePolicy } from '../../policy/parse.ts';
import type { EffectivePolicy } from '../../policy/parse.ts';

/** The policy as senders compare it: values, not spelling or line order of the mx list. */
function policyKey(p: EffectivePolicy): string {
  return JSON.stringify([p.version, p.mode, p.maxAge, [...p.mx].map((m) => m.toLowerCase()).sort()]);
}

export const staleId: Rule<CheckContext> = {
  code: 'check/stale-id',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.1',
  summary: 'The policy changed since it was last seen but the `_mta-sts` id did not: senders keep the old policy until max_age runs out.',
  fixable: false,
  check(ctx, report) {
    const last = ctx.lastSeen;
    const id = ctx.stsParsed?.effective.id;
    if (!last || !ctx.policy || !id || id !== last.id) return;
    const before = parsePolicy(last.policy).effective;
    if (policyKey(before) === policyKey(ctx.policy.effective)) return;
    report({
      range: { start: 0, end: 0 },
      message: `the policy changed since it was last seen (mode ${before.mode ?? '?'} → ${ctx.policy.effective.mode ?? '?'}, mx ${before.mx.join(' ') || '-'} → ${ctx.policy.effective.mx.join(' ') || '-'}) but the \`_mta-sts\` id is still \`${id}\`: senders that cached the old policy keep it for up to max_age; publish a new id (e.g. the current UTC time, \`YYYYMMDDhhmmss\`)`,
    });
  },
};
