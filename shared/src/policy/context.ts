import type { LintOptions } from '../lint-options.ts';
import type { ParsedPolicy } from './parse.ts';

/** What every policy rule reads: the text, its one parse, and the caller's options. */
export interface PolicyContext {
  readonly text: string;
  readonly policy: ParsedPolicy;
  readonly options: LintOptions;
}
