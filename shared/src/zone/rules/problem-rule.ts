import type { Fix, Severity } from '../../diagnostic.ts';
import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import type { ZoneProblem } from '../model.ts';

/** A zone rule reporting the syntax problems the parser found under its name (`zone/<name>`). */
export function problemRule(
  meta: { name: string; severity: Severity; rfc: string; summary: string; fixable: boolean },
  fixes?: (ctx: ZoneContext, problem: ZoneProblem) => Fix[],
  severity?: (problem: ZoneProblem) => Severity | undefined,
): Rule<ZoneContext> {
  return {
    code: `zone/${meta.name}`,
    kind: 'zone',
    severity: meta.severity,
    rfc: meta.rfc,
    summary: meta.summary,
    fixable: meta.fixable,
    check(ctx, report) {
      for (const p of ctx.zone.problems) {
        if (p.code !== meta.name) continue;
        const sev = severity?.(p);
        report({ range: p.range, message: p.message, fixes: fixes ? fixes(ctx, p) : [], ...(sev ? { severity: sev } : {}) });
      }
    },
  };
}
