import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { nameLengthProblem } from '../name.ts';
import { nameLength as lengthOf, nameOf, recordsOfType } from '../names.ts';
import { ownerIndex } from '../owners.ts';
import { mxNsTargets, targetName } from '../rdata.ts';

export const nameLength: Rule<ZoneContext> = {
  code: 'zone/name-length',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 1035 §2.3.4',
  summary: 'A label is at most 63 octets and a whole name at most 255.',
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    const tk = zone.tokens;
    const say = (name: string, tok: number, fallback: { start: number; end: number }) => {
      const p = nameLengthProblem(name);
      if (!p) return;
      const range = tok >= 0 ? { start: tk.start[tok]!, end: tk.end[tok]! } : fallback;
      report({
        range,
        message: p.kind === 'label'
          ? `label \`${p.label!.length > 20 ? p.label!.slice(0, 20) + '…' : p.label}\` is ${p.octets} octets; a label holds at most 63, so shorten it`
          : `name is ${p.octets} octets long; a domain name holds at most 255, so shorten it`,
      });
    };
    const { first } = ownerIndex(zone);
    const t = zone.names;
    for (let o = 0; o < t.count; o++) {
      const i = first[o]!;
      // A plain ASCII token of at most 63 characters cannot be too long a name, nor hold too long a label.
      if (i < 0 || (t.start[o]! >= 0 && lengthOf(zone, o) <= 63)) continue;
      say(nameOf(zone, o), zone.records.ownerTok[i]!, { start: zone.records.start[i]!, end: zone.records.end[i]! });
    }
    for (const rec of recordsOfType(zone, 5, 12, 33)) {
      const target = targetName(zone, rec);
      if (target) say(target.name, target.tok, rec);
    }
    for (const target of mxNsTargets(zone)) say(target.name, target.tok, target.rec);
  },
};
