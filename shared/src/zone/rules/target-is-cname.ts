import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { recordAt } from '../names.ts';
import { ownerIndex } from '../owners.ts';
import { mxNsTargets, targetName } from '../rdata.ts';
import { RR, typeName } from '../rr-types.ts';
import { tokenText } from '../source-text.ts';

export const targetIsCname: Rule<ZoneContext> = {
  code: 'zone/target-is-cname',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 2181 §10.3',
  summary: 'An MX exchange or NS host must be a name with address records, not an alias (CNAME).',
  fixable: true,
  check(ctx, report) {
    const { zone } = ctx;
    const { type } = zone.records;
    if (!type.includes(RR.CNAME)) return;
    const { first, next } = ownerIndex(zone);
    const targets = mxNsTargets(zone);
    for (let k = 0; k < targets.count; k++) {
      const id = targets.id[k]!;
      let cname = -1;
      for (let i = id < 0 ? -1 : first[id]!; i >= 0; i = next[i]!) {
        if (type[i] === RR.CNAME) {
          cname = i;
          break;
        }
      }
      if (cname < 0) continue;
      const alias = targetName(zone, recordAt(zone, cname));
      const tok = targets.tok[k]!;
      const rrType = typeName(targets.type[k]!);
      const range = { start: zone.tokens.start[tok]!, end: zone.tokens.end[tok]! };
      report({
        range,
        message: `${rrType} target \`${tokenText(zone, tok)}\` is an alias (CNAME)${alias ? ` of \`${alias.name}\`` : ''}; an ${rrType} must name the host itself${alias ? ', so use the alias target' : ''}`,
        fixes: alias && zone.records.source[targets.index[k]!] === 0 ? [{ title: `Use \`${alias.name}\``, edits: [{ range, newText: alias.name }], isPreferred: true }] : [],
      });
    }
  },
};
