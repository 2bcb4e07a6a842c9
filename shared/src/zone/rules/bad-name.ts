import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { ownerIndex, rdataProblems } from '../owners.ts';
import { nameSyntaxProblem } from '../rdata-fields.ts';
import { plainNameChars } from '../rdata-quick.ts';
import { tokenText } from '../source-text.ts';

export const badName: Rule<ZoneContext> = {
  code: 'zone/bad-name',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 1035 §5.1',
  summary: 'A domain name (owner, `$ORIGIN` or in RDATA) is labels joined by dots, none empty, with escapes `\\X` or `\\DDD` (000-255).',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const tk = zone.tokens;
    const say = (tok: number, w: string, what: string) => {
      const p = nameSyntaxProblem(w);
      if (p) report({ range: { start: tk.start[tok]!, end: tk.end[tok]! }, message: `${what} \`${w}\` has ${p}` });
    };
    const { first } = ownerIndex(zone);
    for (let o = 0; o < zone.names.count; o++) {
      const i = first[o]!;
      if (i < 0) continue;
      const tok = zone.records.hasOwner[i] ? zone.records.firstTok[i]! : -1;
      if (tok < 0 || (tk.kind[tok]! & 7) !== 0) continue;
      if (tk.end[tok]! <= zone.text.length && plainNameChars(zone.text, tk.start[tok]!, tk.end[tok]!)) continue;
      say(tok, tokenText(zone, tok), 'owner name');
    }
    for (const d of zone.directives) {
      if (d.name !== '$ORIGIN') continue;
      const arg = d.tok + 1 < d.argsEnd ? nextWord(zone, d.tok + 1, d.argsEnd) : -1;
      if (arg >= 0) say(arg, tokenText(zone, arg), '`$ORIGIN`');
    }
    for (const p of rdataProblems(zone)) if (p.code === 'bad-name') report({ range: p.range, message: p.message });
  },
};

function nextWord(zone: ZoneContext['zone'], from: number, end: number): number {
  for (let t = from; t < end; t++) if ((zone.tokens.kind[t]! & 7) === 0) return t;
  return -1;
}
