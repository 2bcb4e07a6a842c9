import type { LintOptions } from '../lint-options.ts';
import type { ParsedTlsRptRecord } from './parse.ts';

/** What `tlsrpt-txt/*` rules see: the `_smtp._tls` TXT value, its parse and the lint options. */
export interface TlsRptTxtContext {
  readonly text: string;
  readonly record: ParsedTlsRptRecord;
  readonly options: LintOptions;
}
