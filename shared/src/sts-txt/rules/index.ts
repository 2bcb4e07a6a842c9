import type { Rule } from '../../rule.ts';
import type { StsTxtContext } from '../context.ts';
import { duplicateField } from './duplicate-field.ts';
import { fieldSyntax } from './field-syntax.ts';
import { idInvalid } from './id-invalid.ts';
import { idMissing } from './id-missing.ts';
import { separator } from './separator.ts';
import { tooLong } from './too-long.ts';
import { unknownField } from './unknown-field.ts';
import { version } from './version.ts';

/** Rules of the `_mta-sts` TXT record (RFC 8461 §3.1), from the record's shape to its fields. */
export const stsTxtRules: readonly Rule<StsTxtContext>[] = [
  version,
  tooLong,
  separator,
  fieldSyntax,
  idMissing,
  idInvalid,
  duplicateField,
  unknownField,
];
