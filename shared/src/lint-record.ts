// The linter of the small documents, apart from the zone linter: the domain check lints the records and the policy
// it fetched through this module, so a bundle that checks domains (the browser extension) carries no zone code.
import { compareDiagnostics, type Diagnostic } from './diagnostic.ts';
import type { FileContext } from './file/context.ts';
import { fileRules } from './file/rules/index.ts';
import type { LintOptions } from './lint-options.ts';
import { parsePolicy } from './policy/parse.ts';
import { policyRules } from './policy/rules/index.ts';
import { runRules, type DocumentKind } from './rule.ts';
import { parseStsRecord } from './sts-txt/parse.ts';
import { stsTxtRules } from './sts-txt/rules/index.ts';
import { parseTlsRptRecord } from './tlsrpt-txt/parse.ts';
import { tlsRptTxtRules } from './tlsrpt-txt/rules/index.ts';

/**
 * Lint the text of a policy, STS or TLS-RPT record: file-level rules, then the kind's rules, sorted by position.
 * For `zone` only the file-level rules run (`lintText` adds the zone's own).
 */
export function lintRecordText(text: string, kind: DocumentKind, options: LintOptions = {}, invalidUtf8At = -1): Diagnostic[] {
  const overrides = options.overrides ?? {};
  const file: FileContext = { text, kind, invalidUtf8At };
  const out = runRules(fileRules, file, overrides);
  const more =
    kind === 'policy'
      ? runRules(policyRules, { text, policy: parsePolicy(text, { frontMatter: !options.served }), options }, overrides)
      : kind === 'sts-txt'
        ? runRules(stsTxtRules, { text, record: parseStsRecord(text), options }, overrides)
        : kind === 'tlsrpt-txt'
          ? runRules(tlsRptTxtRules, { text, record: parseTlsRptRecord(text), options }, overrides)
          : [];
  for (const d of more) out.push(d);
  return out.sort(compareDiagnostics);
}
