import type { Rule } from '../../rule.ts';
import type { WorkspaceContext } from '../context.ts';
import { idNotBumped } from './id-not-bumped.ts';
import { mxNotCovered } from './mx-not-covered.ts';
import { mxPatternUnused } from './mx-pattern-unused.ts';

/** Rules across files: a domain's zone MX records against its policy file's `mx:` patterns, its `_mta-sts` id against policy changes. */
export const workspaceRules: readonly Rule<WorkspaceContext>[] = [mxNotCovered, mxPatternUnused, idNotBumped];
