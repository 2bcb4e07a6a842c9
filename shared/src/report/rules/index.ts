import type { Rule } from '../../rule.ts';
import type { ReportContext } from '../context.ts';
import { countInvalid } from './count-invalid.ts';
import { dateInvalid } from './date-invalid.ts';
import { dateRangeReversed } from './date-range-reversed.ts';
import { duplicateKey } from './duplicate-key.ts';
import { failureCountMismatch } from './failure-count-mismatch.ts';
import { ipInvalid } from './ip-invalid.ts';
import { jsonSyntax } from './json-syntax.ts';
import { missingField } from './missing-field.ts';
import { policiesEmpty } from './policies-empty.ts';
import { policyTypeUnknown } from './policy-type-unknown.ts';
import { resultTypeUnknown } from './result-type-unknown.ts';
import { unknownField } from './unknown-field.ts';
import { wrongType } from './wrong-type.ts';

/** Rules of TLS-RPT aggregate reports (RFC 8460 §4): JSON syntax, then the schema, then consistency. */
export const reportRules: readonly Rule<ReportContext>[] = [
  jsonSyntax,
  duplicateKey,
  wrongType,
  missingField,
  unknownField,
  countInvalid,
  dateInvalid,
  dateRangeReversed,
  policyTypeUnknown,
  resultTypeUnknown,
  ipInvalid,
  policiesEmpty,
  failureCountMismatch,
];
