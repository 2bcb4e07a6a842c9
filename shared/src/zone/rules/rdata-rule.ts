import type { Fix, Severity } from '../../diagnostic.ts';
import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { rdataProblems } from '../owners.ts';
import type { RdataProblem, RdataProblemCode } from '../rdata.ts';

/** A zone rule reporting the RDATA problems of one kind (the RDATA is checked once per parse for all of them). */
export function rdataRule(
  meta: { name: RdataProblemCode; severity: Severity; rfc: string; summary: string; fixable: boolean },
  fixes?: (ctx: ZoneContext, problem: RdataProblem) => Fix[],
): Rule<ZoneContext> {
  return {
    code: `zone/${meta.name}`,
    kind: 'zone',
    severity: meta.severity,
    rfc: meta.rfc,
    summary: meta.summary,
    fixable: meta.fixable,
    check(ctx, report) {
      for (const p of rdataProblems(ctx.zone)) {
        if (p.code === meta.name) report({ range: p.range, message: p.message, fixes: fixes && p.record.source === 0 ? fixes(ctx, p) : [] });
      }
    },
  };
}
