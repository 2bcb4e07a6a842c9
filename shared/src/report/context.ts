import type { LintOptions } from '../lint-options.ts';
import type { JsonParse } from './json.ts';

/** What `report/*` rules see: the report text, its JSON parse and the lint options. */
export interface ReportContext {
  readonly text: string;
  readonly json: JsonParse;
  readonly options: LintOptions;
}
