import { problemRule } from './problem-rule.ts';

export const missingTtl = problemRule(
  {
    name: 'missing-ttl',
    severity: 'error',
    rfc: 'RFC 2308 §4',
    summary: 'Every record needs a TTL: its own, or a `$TTL` default at the top of the file.',
    fixable: true,
  },
  (ctx, p) => {
    const at = ctx.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const line = p.suggestion ?? '$TTL 3600';
    const eol = /\r\n/.test(ctx.text.slice(0, 4096)) ? '\r\n' : '\n';
    return [{ title: `Add \`${line}\` at the top of the file`, edits: [{ range: { start: at, end: at }, newText: line + eol }], isPreferred: true }];
  },
  // With an SOA the servers fall back on its minimum: a warning, not a broken zone.
  (p) => (p.message.startsWith('no `$TTL` and no TTL on the SOA') ? 'warning' : undefined),
);
