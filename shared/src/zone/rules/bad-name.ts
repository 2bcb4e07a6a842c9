import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import type { Zone } from '../model.ts';
import { recordsWhere } from '../carried.ts';
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
    // An owner is checked where its name is first written: the first record of each name, when it names it.
    const { owner, firstTok } = zone.records;
    const words = ownerWordsNotPlain(zone);
    const first = words.length > 0 ? ownerIndex(zone).first : null;
    const suspects = words.filter((i) => first![owner[i]!] === i).sort((a, b) => owner[a]! - owner[b]!);
    for (const i of suspects) say(firstTok[i]!, tokenText(zone, firstTok[i]!), 'owner name');
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

const notPlain = new WeakMap<Zone, readonly number[]>();

/** Records that write their owner as a word not made of plain name characters only (escapes, `@`-less oddities). */
function ownerWordsNotPlain(zone: Zone): readonly number[] {
  const tk = zone.tokens;
  const { hasOwner, firstTok } = zone.records;
  return recordsWhere(zone, notPlain, (i) => {
    if (hasOwner[i] !== 1) return false;
    const tok = firstTok[i]!;
    if ((tk.kind[tok]! & 7) !== 0) return false;
    return !(tk.end[tok]! <= zone.text.length && plainNameChars(zone.text, tk.start[tok]!, tk.end[tok]!));
  });
}
