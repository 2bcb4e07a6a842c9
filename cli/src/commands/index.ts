import type { Command } from '../command.ts';
import { checkCommand } from './check.ts';
import { initCommand } from './init.ts';
import { lintCommand } from './lint.ts';
import { reportCommand } from './report.ts';
import { rulesCommand } from './rules.ts';

/** Every `sts-lens` command, in the order the overall help lists them. */
export const commands: readonly Command[] = [lintCommand, checkCommand, initCommand, reportCommand, rulesCommand];
