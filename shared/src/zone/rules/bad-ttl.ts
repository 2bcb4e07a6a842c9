import { problemRule } from './problem-rule.ts';

export const badTtl = problemRule(
  {
    name: 'bad-ttl',
    severity: 'error',
    rfc: 'RFC 2181 §8',
    summary: 'A TTL is seconds (or units like `1h30m`) from 0 to 2147483647.',
    fixable: true,
  },
  (ctx, p) => {
    if (p.range.end > ctx.text.length) return [];
    const raw = ctx.text.slice(p.range.start, p.range.end);
    if (/^\d+$/.test(raw)) {
      return [{ title: 'Use the largest TTL allowed, `2147483647`', edits: [{ range: p.range, newText: '2147483647' }] }];
    }
    // `1hour`, `30 min`: keep the number, take the first letter of the unit when that makes a TTL.
    const m = /^(\d+)([wdhms])[a-z]*$/i.exec(raw);
    if (m) return [{ title: `Write it as \`${m[1]}${m[2]!.toLowerCase()}\``, edits: [{ range: p.range, newText: `${m[1]}${m[2]!.toLowerCase()}` }], isPreferred: true }];
    return [];
  },
);
