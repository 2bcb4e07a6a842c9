import type { LintOptions } from '../lint-options.ts';
import type { Zone } from './model.ts';

/** What zone rules see: the text, its one parse, and the lint options. */
export interface ZoneContext {
  readonly text: string;
  readonly zone: Zone;
  readonly options: LintOptions;
}
