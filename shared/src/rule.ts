import type { Diagnostic, Fix, Severity, Span } from './diagnostic.ts';

/** The kinds of document the core lints. */
export type DocumentKind = 'policy' | 'sts-txt' | 'tlsrpt-txt' | 'zone';

/** What a rule applies to: a document kind, the file as bytes, a live domain check, or several files together. */
export type RuleKind = DocumentKind | 'file' | 'check' | 'workspace' | 'report';

/** What a rule is, independent of any document: the product surface of docs, hover and SARIF. */
export interface RuleMeta {
  /** Stable code, `<kind>/<name>`; the rule's file is `<kind>/rules/<name>.ts`. */
  readonly code: string;
  readonly kind: RuleKind;
  readonly severity: Severity;
  /** RFC section the rule rests on, e.g. `RFC 8461 §3.2`. */
  readonly rfc: string;
  /** One sentence: what the rule checks. */
  readonly summary: string;
  /** Whether findings carry at least one automatic fix (some instances may have none). */
  readonly fixable: boolean;
}

/** A finding as a rule reports it: code and default severity come from the rule. */
export interface Finding {
  readonly range: Span;
  readonly message: string;
  readonly fixes?: readonly Fix[];
  /** Overrides the rule's default severity for this finding (e.g. error in enforce, warning in testing). */
  readonly severity?: Severity;
}

export type Report = (finding: Finding) => void;

export interface Rule<Ctx> extends RuleMeta {
  check(ctx: Ctx, report: Report): void;
}

/** Per-code severity overrides; `off` disables the rule. */
export type SeverityOverrides = Readonly<Record<string, Severity | 'off'>>;

/** Run rules over one context and collect diagnostics, applying user severity overrides. */
export function runRules<Ctx>(
  rules: readonly Rule<Ctx>[],
  ctx: Ctx,
  overrides: SeverityOverrides = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    const override = overrides[rule.code];
    if (override === 'off') continue;
    rule.check(ctx, (f) => {
      out.push({
        code: rule.code,
        severity: override ?? f.severity ?? rule.severity,
        message: f.message,
        range: f.range,
        fixes: f.fixes ?? [],
      });
    });
  }
  return out;
}
