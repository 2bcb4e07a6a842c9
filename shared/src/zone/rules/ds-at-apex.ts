import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { recordsOfType } from '../names.ts';
import { RR } from '../rr-types.ts';

export const dsAtApex: Rule<ZoneContext> = {
  code: 'zone/ds-at-apex',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 4035 §2.4',
  summary: "A DS record belongs to the parent zone, at the delegation; at a zone's own apex it is refused.",
  fixable: false,
  check(ctx, report) {
    const { zone } = ctx;
    if (zone.apex === null) return;
    for (const rec of recordsOfType(zone, RR.DS)) {
      if (rec.owner !== zone.apex) continue;
      report({ range: { start: rec.start, end: rec.end }, message: `DS record at the apex \`${rec.owner}\`; a DS is published by the parent zone at the delegation: move it there (the apex holds the DNSKEY)` });
    }
  },
};
