import { problemRule } from './problem-rule.ts';

// The types people mistype most, with the spelling they meant.
const COMMON = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'SRV', 'PTR', 'CAA', 'TLSA', 'DS', 'DNSKEY', 'HTTPS', 'SVCB'];

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The common type closest to a mistyped one, when there is exactly one at distance 1. */
export function closestType(word: string): string | null {
  const w = word.toUpperCase();
  const near = COMMON.filter((t) => distance(w, t) === 1 && !(t.length === 1 && w.length === 1));
  // A missing or extra letter (`AAA`, `CNAMEE`) is likelier than a wrong one (`CAA` for `AAA`).
  const indel = near.filter((t) => t.length !== w.length);
  if (indel.length === 1) return indel[0]!;
  return near.length === 1 ? near[0]! : null;
}

export const unknownType = problemRule(
  {
    name: 'unknown-type',
    severity: 'error',
    rfc: 'RFC 3597 §5',
    summary: 'The record type must be a known mnemonic or `TYPE<number>`; servers refuse the zone otherwise.',
    fixable: true,
  },
  (ctx, p) => {
    if (p.range.end > ctx.text.length) return [];
    const near = closestType(ctx.text.slice(p.range.start, p.range.end));
    return near ? [{ title: `Change the type to \`${near}\``, edits: [{ range: p.range, newText: near }], isPreferred: true }] : [];
  },
);
