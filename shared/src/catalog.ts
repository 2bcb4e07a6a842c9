import { fileRules } from './file/rules/index.ts';
import { policyRules } from './policy/rules/index.ts';
import type { RuleMeta } from './rule.ts';
import { stsTxtRules } from './sts-txt/rules/index.ts';
import { tlsRptTxtRules } from './tlsrpt-txt/rules/index.ts';

/** Every rule the core knows, for docs, SARIF `rules` and editor settings. */
export const ruleCatalog: readonly RuleMeta[] = [...fileRules, ...policyRules, ...stsTxtRules, ...tlsRptTxtRules];

/** A rule's metadata by code, or undefined. */
export function ruleMeta(code: string): RuleMeta | undefined {
  return ruleCatalog.find((r) => r.code === code);
}

/** Anchor of a rule in docs/rules.md, used as the documentation link of every diagnostic. */
export function ruleDocAnchor(code: string): string {
  return code.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
}
