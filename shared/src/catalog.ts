import { checkRules } from './check/rules/index.ts';
import { fileRules } from './file/rules/index.ts';
import { policyRules } from './policy/rules/index.ts';
import { reportRules } from './report/rules/index.ts';
import type { RuleMeta } from './rule.ts';
import { stsTxtRules } from './sts-txt/rules/index.ts';
import { tlsRptTxtRules } from './tlsrpt-txt/rules/index.ts';
import { workspaceRules } from './workspace/rules/index.ts';
import { zoneRules } from './zone/rules/index.ts';

/** Every rule the core knows, for docs, SARIF `rules` and editor settings. */
export const ruleCatalog: readonly RuleMeta[] = [...fileRules, ...policyRules, ...stsTxtRules, ...tlsRptTxtRules, ...zoneRules, ...workspaceRules, ...checkRules, ...reportRules];

/** A rule's metadata by code, or undefined. */
export function ruleMeta(code: string): RuleMeta | undefined {
  return ruleCatalog.find((r) => r.code === code);
}

/** Anchor of a rule in docs/rules.md, used as the documentation link of every diagnostic. */
export function ruleDocAnchor(code: string): string {
  return code.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
}

/**
 * The RFC text a rule rests on, as a link (`RFC 8461 §3.2` → the section on rfc-editor.org): the
 * documentation link of SARIF results and editor diagnostics. Null when the reference names no RFC.
 */
export function rfcUrl(rfc: string): string | null {
  const m = /RFC\s*(\d+)(?:\s*§\s*(\d+(?:\.\d+)*))?/.exec(rfc);
  if (!m) return null;
  return `https://www.rfc-editor.org/rfc/rfc${m[1]}${m[2] ? `#section-${m[2]}` : ''}`;
}
