import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';
import { blankLine } from './blank-line.ts';
import { controlCharacter } from './control-character.ts';
import { duplicateKey } from './duplicate-key.ts';
import { frontMatter } from './front-matter.ts';
import { keyCase } from './key-case.ts';
import { leadingWhitespace } from './leading-whitespace.ts';
import { lineEnding } from './line-ending.ts';
import { maxAgeInvalid } from './max-age-invalid.ts';
import { maxAgeMissing } from './max-age-missing.ts';
import { maxAgeTooLarge } from './max-age-too-large.ts';
import { maxAgeTooShort } from './max-age-too-short.ts';
import { missingColon } from './missing-colon.ts';
import { modeInvalid } from './mode-invalid.ts';
import { modeMissing } from './mode-missing.ts';
import { mxDuplicate } from './mx-duplicate.ts';
import { mxInvalid } from './mx-invalid.ts';
import { mxIpAddress } from './mx-ip-address.ts';
import { mxMissing } from './mx-missing.ts';
import { mxMultiple } from './mx-multiple.ts';
import { mxNotHost } from './mx-not-host.ts';
import { mxRedundant } from './mx-redundant.ts';
import { mxTrailingDot } from './mx-trailing-dot.ts';
import { mxUppercase } from './mx-uppercase.ts';
import { mxWildcard } from './mx-wildcard.ts';
import { spaceBeforeColon } from './space-before-colon.ts';
import { tab } from './tab.ts';
import { tooLarge } from './too-large.ts';
import { trailingWhitespace } from './trailing-whitespace.ts';
import { unknownKey } from './unknown-key.ts';
import { versionInvalid } from './version-invalid.ts';
import { versionMissing } from './version-missing.ts';

/** Findings one rule reports per file at most: past this the file is not a policy, and a million messages would stall an editor. */
export const findingsPerRule = 1000;

const enough = Symbol('enough findings');

/** `rule`, stopped after `findingsPerRule` findings; the last one says that more are not shown. */
function capped(rule: Rule<PolicyContext>): Rule<PolicyContext> {
  return {
    ...rule,
    check(ctx, report) {
      let count = 0;
      try {
        rule.check(ctx, (finding) => {
          if (++count <= findingsPerRule) return report(finding);
          report({ ...finding, message: `${finding.message} (more findings of this kind are not shown)` });
          // Unwinds the rule's loop: the rest of a huge file would only build findings nobody reads.
          throw enough;
        });
      } catch (e) {
        if (e !== enough) throw e;
      }
    },
  };
}

/** Every mta-sts.txt rule: file shape and line syntax, keys, then each field from version to mx. */
export const policyRules: readonly Rule<PolicyContext>[] = [
  tooLarge,
  frontMatter,
  lineEnding,
  blankLine,
  controlCharacter,
  leadingWhitespace,
  trailingWhitespace,
  tab,
  missingColon,
  spaceBeforeColon,
  keyCase,
  unknownKey,
  duplicateKey,
  versionMissing,
  versionInvalid,
  modeMissing,
  modeInvalid,
  maxAgeMissing,
  maxAgeInvalid,
  maxAgeTooLarge,
  maxAgeTooShort,
  mxMissing,
  mxMultiple,
  mxIpAddress,
  mxNotHost,
  mxWildcard,
  mxTrailingDot,
  mxInvalid,
  mxUppercase,
  mxDuplicate,
  mxRedundant,
].map(capped);
