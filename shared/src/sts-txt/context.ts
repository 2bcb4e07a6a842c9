import type { LintOptions } from '../lint-options.ts';
import type { ParsedStsRecord } from './parse.ts';

/** What `sts-txt/*` rules see: the `_mta-sts` TXT value, its parse and the lint options. */
export interface StsTxtContext {
  readonly text: string;
  readonly record: ParsedStsRecord;
  readonly options: LintOptions;
}
