import type { Rule } from '../../rule.ts';
import type { TlsRptTxtContext } from '../context.ts';
import { duplicateField } from './duplicate-field.ts';
import { fieldSyntax } from './field-syntax.ts';
import { ruaEmpty } from './rua-empty.ts';
import { ruaInvalid } from './rua-invalid.ts';
import { ruaMissingMailto } from './rua-missing-mailto.ts';
import { ruaMissing } from './rua-missing.ts';
import { ruaScheme } from './rua-scheme.ts';
import { ruaUnencoded } from './rua-unencoded.ts';
import { separator } from './separator.ts';
import { tooLong } from './too-long.ts';
import { unknownField } from './unknown-field.ts';
import { version } from './version.ts';

/** Rules of the `_smtp._tls` TXT record (RFC 8460 §3), from the record's shape to each `rua` URI. */
export const tlsRptTxtRules: readonly Rule<TlsRptTxtContext>[] = [
  version,
  tooLong,
  separator,
  fieldSyntax,
  ruaMissing,
  ruaEmpty,
  ruaMissingMailto,
  ruaScheme,
  ruaUnencoded,
  ruaInvalid,
  duplicateField,
  unknownField,
];
