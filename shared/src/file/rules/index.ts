import type { Rule } from '../../rule.ts';
import type { FileContext } from '../context.ts';
import { bom } from './bom.ts';
import { invalidUtf8 } from './invalid-utf8.ts';
import { nulByte } from './nul-byte.ts';

/** Rules about the file as bytes and text, run for every kind. */
export const fileRules: readonly Rule<FileContext>[] = [invalidUtf8, nulByte, bom];
