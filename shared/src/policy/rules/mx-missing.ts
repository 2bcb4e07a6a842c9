import { normalizeHost } from '../../mx/match.ts';
import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { insertLines } from '../line-edits.ts';
import { closestMode } from '../modes.ts';
import { meantValue } from '../near-miss.ts';
import { hasNearMiss } from '../parse.ts';
import { documentStart } from '../where.ts';

export const mxMissing: Rule<PolicyContext> = {
  code: 'policy/mx-missing',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'Unless the mode is `none`, the policy needs at least one `mx:` line.',
  fixable: true,
  check(ctx, report) {
    const { policy, options } = ctx;
    if (policy.mx.length > 0 || hasNearMiss(policy, 'mx')) return;
    // The mode as meant, even when written `Mode: none` or `mode: off` (other rules fix those).
    const modeLine = policy.fields.mode ?? policy.nearMisses.mode[0] ?? null;
    const mode = modeLine ? (closestMode(meantValue(ctx.text, modeLine))?.mode ?? null) : null;
    if (mode === 'none') return;
    const hosts = [...new Set((options.mxHosts ?? []).map(normalizeHost).filter((h) => h !== ''))];
    const placeholder = `mail.${options.domain ? normalizeHost(options.domain) : 'example.com'}`;
    const after = modeLine ?? policy.fields.version ?? policy.nearMisses.version[0] ?? null;
    const fix =
      hosts.length > 0
        ? {
            title: hosts.length === 1 ? `Insert \`mx: ${hosts[0]}\` (the domain's MX host)` : `Insert ${hosts.length} \`mx:\` lines, one per MX host of the domain`,
            edits: [insertLines(policy, after, hosts.map((h) => `mx: ${h}`))],
            isPreferred: true,
          }
        : {
            title: `Insert \`mx: ${placeholder}\` (replace it with your real MX host)`,
            edits: [insertLines(policy, after, [`mx: ${placeholder}`])],
          };
    const why = mode === null ? 'no `mx:` line: unless the mode is `none`, a policy needs at least one' : `mode \`${mode}\` needs at least one \`mx:\` line`;
    const known = hosts.length > 0 ? ` (${hosts.slice(0, 3).map((h) => quote(h)).join(', ')}${hosts.length > 3 ? ', …' : ''})` : '';
    report({
      range: modeLine ? { start: modeLine.indent.end, end: modeLine.trailing.start } : documentStart(policy),
      message: `${why}: without one no MX host matches, and senders reject the policy; add one \`mx:\` line per MX host${known}`,
      fixes: [fix],
    });
  },
};
